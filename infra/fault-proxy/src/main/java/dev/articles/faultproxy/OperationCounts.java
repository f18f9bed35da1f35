package dev.articles.faultproxy;

/**
 * What the proxy saw for one operation.
 *
 * @param requests every request received, faulted or not (each SDK retry counts)
 * @param faults   the requests a fault hit
 */
public record OperationCounts(long requests, long faults) {}
