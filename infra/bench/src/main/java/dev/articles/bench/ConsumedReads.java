package dev.articles.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Asks for ReturnConsumedCapacity=TOTAL on every Query a client sends and keeps the answers, so the store's own
 * Query (not a copy of it) is what the bench measures. One caller at a time.
 */
final class ConsumedReads implements ExecutionInterceptor {

    private final List<QueryResponse> responses = new ArrayList<>();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return context.request() instanceof QueryRequest query
                ? query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()
                : context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse response) {
            responses.add(response);
        }
    }

    /** The Query answers since the last call, oldest first; forgets them. */
    List<QueryResponse> take() {
        List<QueryResponse> taken = List.copyOf(responses);
        responses.clear();
        return taken;
    }

    /** Read units the engine reported for these answers. */
    static double engineRcu(List<QueryResponse> answers) {
        return answers.stream().mapToDouble(r -> r.consumedCapacity() == null ? Double.NaN : r.consumedCapacity().capacityUnits()).sum();
    }

    /** Read units by DynamoDB's rule, each Query rounded on its own as DynamoDB bills it. */
    static double computedRcu(List<QueryResponse> answers) {
        return answers.stream().mapToDouble(r -> ListPageCost.computedRcu(r.items())).sum();
    }
}
