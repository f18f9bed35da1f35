package dev.articles.http;

import dev.articles.core.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Before Lambda snapshots an initialised function JVM it runs requests through the function
 * that read and never write, so the snapshot holds the request path's classes loaded and linked, its code
 * compiled, and a DynamoDB client that has signed, sent and parsed a call: restored instances skip that work
 * on their first request. Nothing calls it on a JVM without CRaC (locally, or without SnapStart).
 */
public final class Priming implements Resource {

    /** A well-formed id no article has: fetching it is a cheap GetItem that finds nothing. */
    public static final String ABSENT_ID = "00000000000000000000000000";

    private final List<Runnable> steps;

    private Priming(List<Runnable> steps) {
        this.steps = List.copyOf(steps);
    }

    /** GET /articles/{id} of an id no article has: one GetItem that finds nothing, answered 404. */
    public static Priming fetch(Environment env, HttpFunction.Endpoint endpoint) {
        return register(get(env, endpoint, "GET /articles/{id}", "/articles/" + ABSENT_ID, "", "{\"id\":\"" + ABSENT_ID + "\"}"));
    }

    /** GET /articles/by-slug/{slug} of a slug no article has (the absent id's form): one GetItem that finds nothing, 404. */
    public static Priming bySlug(Environment env, HttpFunction.Endpoint endpoint) {
        String slug = ABSENT_ID.toLowerCase(Locale.ROOT);
        return register(get(env, endpoint, "GET /articles/by-slug/{slug}", "/articles/by-slug/" + slug, "",
                "{\"slug\":\"" + slug + "\"}"));
    }

    /** GET /preview/articles/{id} of an id no article has, by the priming's own subject: one GetItem, answered 404. */
    public static Priming previewFetch(Environment env, HttpFunction.Endpoint endpoint) {
        return register(get(env, endpoint, "GET /preview/articles/{id}", "/preview/articles/" + ABSENT_ID, "",
                "{\"id\":\"" + ABSENT_ID + "\"}"));
    }

    /**
     * GET /preview/articles?limit=1 by the priming's own subject, a reporter who created nothing: a Query of the
     * creator index, answered 200 with no items.
     */
    public static Priming previewList(Environment env, HttpFunction.Endpoint endpoint) {
        return register(get(env, endpoint, "GET /preview/articles", "/preview/articles", "limit=1", "{}"));
    }

    /** GET /articles?limit=1: a Query of the index and a signed cursor, answered 200. */
    public static Priming list(Environment env, HttpFunction.Endpoint endpoint) {
        return register(get(env, endpoint, "GET /articles", "/articles", "limit=1", "{}"));
    }

    /** GET /articles/changes?limit=1: a Query of the feed index and a signed cursor, answered 200. */
    public static Priming changes(Environment env, HttpFunction.Endpoint endpoint) {
        return register(get(env, endpoint, "GET /articles/changes", "/articles/changes", "limit=1", "{}"));
    }

    /**
     * GET /articles/search?q=priming&limit=1: a point in time opened and searched (and closed when that page is the
     * whole answer), answered 200; or, the index not yet created, one refused call, answered 200 with no items. Where
     * search is off, the 501 it answers is all there is to prime.
     */
    public static Priming search(Environment env, HttpFunction.Endpoint endpoint) {
        return register(get(env, endpoint, "GET /articles/search", "/articles/search", "q=priming&limit=1", "{}"));
    }

    /**
     * POST /articles of an article without title or body (answered 400, so nothing is written), then
     * {@code storeRead}: a read that writes nothing, for the store client's path (the handler's
     * GetItem of {@link #ABSENT_ID}).
     */
    public static Priming create(Environment env, HttpFunction.Endpoint endpoint, Runnable storeRead) {
        return register(post(env, endpoint, "POST /articles", "/articles", "{}"), storeRead);
    }

    /**
     * PATCH or DELETE /articles/{id} of an id no article has, with {@code If-Match: *}: the store's consistent read
     * finds nothing and the answer is 404, so nothing is written.
     */
    public static Priming change(Environment env, HttpFunction.Endpoint endpoint, String method) {
        return register(request(env, endpoint, method, method + " /articles/{id}", "/articles/" + ABSENT_ID, "",
                "{\"id\":\"" + ABSENT_ID + "\"}", method.equals("PATCH") ? "\"{}\"" : "null"));
    }

    /** Registers the steps with the JVM's checkpoint. Keep the result: a CRaC context may hold it weakly. */
    private static Priming register(Runnable... steps) {
        Priming priming = new Priming(List.of(steps));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    private static Runnable get(Environment env, HttpFunction.Endpoint endpoint, String routeKey, String rawPath,
                                String rawQueryString, String pathParameters) {
        return request(env, endpoint, "GET", routeKey, rawPath, rawQueryString, pathParameters, "null");
    }

    /** The body must need no escaping but its quotes. */
    private static Runnable post(Environment env, HttpFunction.Endpoint endpoint, String routeKey, String rawPath, String body) {
        return request(env, endpoint, "POST", routeKey, rawPath, "", "{}", "\"" + body.replace("\"", "\\\"") + "\"");
    }

    /**
     * One request as Lambda would deliver it, its response dropped. Its own HttpFunction, so the function's
     * first real request is still the one logged as cold. It carries {@code If-Match: *}, which only an edit and a
     * delete read: without it they would answer 428 before reaching the store; and a verified token's subject, as
     * the authorizer hands it over: without it a write or a preview would answer 401 where writes are authenticated.
     */
    private static Runnable request(Environment env, HttpFunction.Endpoint endpoint, String method, String routeKey,
                                    String rawPath, String rawQueryString, String pathParameters, String body) {
        HttpFunction function = new HttpFunction(env, endpoint);
        byte[] event = ("{\"version\":\"2.0\",\"routeKey\":\"" + routeKey + "\",\"rawPath\":\"" + rawPath
                + "\",\"rawQueryString\":\"" + rawQueryString + "\",\"headers\":{\"content-type\":\"application/json\",\"if-match\":\"*\"},"
                + "\"requestContext\":{\"requestId\":\"snapstart-priming\",\"http\":{\"method\":\"" + method
                + "\",\"path\":\"" + rawPath + "\"},\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"snapstart-priming\"}}}},"
                + "\"pathParameters\":" + pathParameters + ","
                + "\"body\":" + body + ",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
        return () -> {
            try {
                function.handle(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        steps.forEach(Runnable::run);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: credentials come from Lambda's endpoint after restore, ids draw fresh randomness.
    }
}
