package dev.articles.template;

import java.util.Optional;

/**
 * One event of a function (its {@code Events} entry), whatever its Type ({@code HttpApi}, {@code DynamoDB},
 * {@code Schedule}, {@code ScheduleV2}, ...).
 *
 * @param schedule a Schedule's {@code Schedule} or a ScheduleV2's {@code ScheduleExpression}, resolved; else empty
 */
public record EventSpec(String functionLogicalId, String name, String type, Optional<String> schedule) {

    public boolean isSchedule() {
        return type.equals("Schedule") || type.equals("ScheduleV2");
    }
}
