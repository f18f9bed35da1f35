package dev.articles.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function for testing the local runtime, run in its own JVM on the real runtime client like the real
 * functions. The request's query string says what to do: echo (default), sleep=MS, crash, throw, raw, bare,
 * cookies, binary.
 */
public final class TestHandler implements RequestStreamHandler {

    private static final Pattern QUERY = Pattern.compile("\"rawQueryString\":\"([^\"]*)\"");
    private static final long STARTED = System.currentTimeMillis();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = QUERY.matcher(event);
        String query = m.find() ? m.group(1) : "";
        System.out.println("handling " + query);
        Matcher sleep = Pattern.compile("sleep=(\\d+)").matcher(query);
        if (sleep.find()) {
            try {
                Thread.sleep(Long.parseLong(sleep.group(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (query.contains("crash")) {
            Runtime.getRuntime().halt(3);
        }
        if (query.contains("throw")) {
            throw new IllegalStateException("thrown on purpose");
        }
        String response;
        if (query.contains("raw")) {
            response = "this is not JSON";
        } else if (query.contains("bare")) {
            response = "{\"bare\":true}";
        } else if (query.contains("cookies")) {
            response = "{\"statusCode\":201,\"headers\":{\"x-custom\":\"yes\",\"access-control-allow-origin\":\"https://evil.example\"},"
                    + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],\"body\":\"made\"}";
        } else if (query.contains("binary")) {
            response = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/octet-stream\"},\"isBase64Encoded\":true,"
                    + "\"body\":\"" + Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}) + "\"}";
        } else {
            String body = "{\"pid\":" + ProcessHandle.current().pid()
                    + ",\"started\":" + STARTED
                    + ",\"remainingMs\":" + context.getRemainingTimeInMillis()
                    + ",\"awsRequestId\":\"" + context.getAwsRequestId() + "\""
                    + ",\"env\":{" + env("TABLE_NAME") + "," + env("SECRET") + "," + env("AWS_REGION") + ","
                    + env("AWS_LAMBDA_FUNCTION_NAME") + "," + env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") + ","
                    + env("AWS_ENDPOINT_URL_DYNAMODB") + "," + env("AWS_ACCESS_KEY_ID") + "," + env("JAVA_TOOL_OPTIONS") + ","
                    + env("SEARCH_ENDPOINT")
                    + "},\"event\":" + event + "}";
            response = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":"
                    + quote(body) + "}";
        }
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return quote(name) + ":" + (value == null ? "null" : quote(value));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
