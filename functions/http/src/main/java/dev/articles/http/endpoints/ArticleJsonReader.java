package dev.articles.http.endpoints;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.articles.core.FieldError;
import dev.articles.core.article.RawArticle;
import dev.articles.http.Json;
import dev.articles.http.Problem;
import dev.articles.http.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a create request's JSON body into raw field values, checking only what JSON itself decides: that
 * the body is one UTF-8 JSON object, nested at most 32 deep, with no duplicate key, holding only known
 * fields of the right JSON types. The rules on the values are the domain's ({@code ArticleValidator}). The
 * same reading serves an edit's merge patch, whose {@code null}s it records.
 */
public final class ArticleJsonReader {

    /** Every field but tags is text in JSON; {@code null} is recorded, and the domain's rules decide what it may mean. */
    static final Set<String> TEXT_FIELDS = Set.of("slug", "status", "title", "summary", "body", "author", "source", "sourceUrl",
            "publishedAt");
    static final String TAGS = "tags";

    private ArticleJsonReader() {}

    public static RawArticle read(byte[] body) {
        Map<String, Object> values = new HashMap<>();
        Set<String> nulls = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        // A strict UTF-8 reader: given bytes, Jackson would also accept UTF-16 and UTF-32, which the contract does not.
        try (JsonParser p = Json.FACTORY.createParser(new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8.newDecoder()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("The request body must be a JSON object.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if (token == JsonToken.VALUE_NULL && (TEXT_FIELDS.contains(name) || name.equals(TAGS))) {
                    nulls.add(name);
                } else if (TEXT_FIELDS.contains(name)) {
                    readText(p, token, name, values, errors);
                } else if (name.equals(TAGS)) {
                    readTags(p, token, values, errors);
                } else {
                    errors.add(new FieldError(name, "is not a field of an article"));
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw invalid("The request body must hold exactly one JSON value.");
            }
        } catch (StreamConstraintsException e) {
            throw invalid(String.valueOf(e.getMessage()).contains("nesting depth")
                    ? "The request body is nested deeper than " + Json.MAX_DEPTH + " levels."
                    : "The request body holds a number or string longer than JSON parsing allows.");
        } catch (CharacterCodingException e) {
            throw invalid("The request body is not valid UTF-8.");
        } catch (IOException e) {
            throw invalid(syntaxDetail(e));
        }
        return new RawArticle(values, nulls, errors);
    }

    private static void readText(JsonParser p, JsonToken token, String name, Map<String, Object> values,
            List<FieldError> errors) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            values.put(name, p.getText());
        } else {
            errors.add(new FieldError(name, "must be a string"));
            p.skipChildren();
        }
    }

    private static void readTags(JsonParser p, JsonToken token, Map<String, Object> values, List<FieldError> errors)
            throws IOException {
        if (token != JsonToken.START_ARRAY) {
            errors.add(new FieldError(TAGS, "must be an array of strings"));
            p.skipChildren();
            return;
        }
        List<String> tags = new ArrayList<>();
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
            if (t == JsonToken.VALUE_STRING) {
                tags.add(p.getText());
            } else {
                errors.add(new FieldError(TAGS + "[" + index + "]", "must be a string"));
                p.skipChildren();
            }
        }
        values.put(TAGS, tags);
    }

    /** Jackson's own messages name classes and echo input; the client gets the position only. */
    private static String syntaxDetail(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Duplicate field")) {
            return "The request body has a duplicate key " + duplicateName(message) + ".";
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            return "The request body is not valid JSON (line " + jpe.getLocation().getLineNr()
                    + ", column " + jpe.getLocation().getColumnNr() + ").";
        }
        return "The request body is not valid JSON.";
    }

    private static String duplicateName(String message) {
        int start = message.indexOf('\'');
        int end = message.indexOf('\'', start + 1);
        return start >= 0 && end > start ? message.substring(start, end + 1) : "";
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.Type.INVALID_JSON, detail);
    }
}
