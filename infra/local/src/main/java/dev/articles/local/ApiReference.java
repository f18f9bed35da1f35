package dev.articles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code GET /docs}: the API's reference, docs/openapi.yaml in Swagger UI, served by serve beside the API's routes and
 * never deployed. Swagger UI comes from the org.webjars:swagger-ui jar packed into this one, so the page works
 * offline. The document is served with one server, the origin the page was loaded from, so "Try it out" calls this
 * serve; its {@code bearerAuth} scheme gives the Authorize button, where the token {@code serve --auth} prints goes.
 */
final class ApiReference {

    static final String PATH = "/docs";
    private static final String SPEC = PATH + "/openapi.yaml";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** What the page loads from the webjar (the build packs only these): name to content type. */
    static final Map<String, String> ASSETS = Map.of("swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8", "favicon-32x32.png", "image/png");
    /** A Host header that can be put in a URL as it is: a name or an address, and a port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>articles API reference (local)</title>
              <link rel="icon" href="/docs/favicon-32x32.png">
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="reference"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/docs/openapi.yaml", dom_id: "#reference", deepLinking: true,
                                              persistAuthorization: true });
              </script>
            </body>
            </html>
            """;

    private final Path openApi;
    private final String webjar;

    /** @param openApi the OpenAPI document, read on each request so that an edit shows on reload */
    ApiReference(Path openApi) {
        this.openApi = openApi;
        this.webjar = WEBJAR + swaggerUiVersion() + "/";
    }

    /** The answer to a GET of /docs or below; empty for any other request, which is the API's. */
    Optional<HttpApiResponse> answer(GatewayRequest request, URI baseUrl) {
        if (!request.method().equals("GET") || !(request.rawPath().equals(PATH) || request.rawPath().startsWith(PATH + "/"))) {
            return Optional.empty();
        }
        String path = request.rawPath();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            return Optional.of(ok("text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8)));
        }
        if (path.equals(SPEC)) {
            if (!Files.isRegularFile(openApi)) {
                return Optional.of(HttpApiResponse.notFound());
            }
            String origin = Optional.ofNullable(request.joinedHeaders().get("host")).filter(h -> HOST.matcher(h).matches())
                    .map(h -> "http://" + h).orElse(baseUrl.toString());
            return Optional.of(ok("application/yaml; charset=utf-8",
                    withServer(read(openApi), origin).getBytes(StandardCharsets.UTF_8)));
        }
        String asset = path.substring(PATH.length() + 1);
        if (!ASSETS.containsKey(asset)) {
            return Optional.of(HttpApiResponse.notFound());
        }
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(webjar + asset)) {
            return Optional.of(in == null ? HttpApiResponse.notFound() : ok(ASSETS.get(asset), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document with its top-level {@code servers} replaced by {@code origin} alone. */
    static String withServer(String yaml, String origin) {
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        boolean skipping = false;
        for (String line : yaml.split("\n", -1)) {
            if (skipping && (line.isBlank() || line.startsWith(" ") || line.startsWith("-") || line.startsWith("#"))) {
                continue;
            }
            skipping = false;
            if (line.startsWith("servers:")) {
                skipping = replaced = true;
                out.addAll(server(origin));
            } else {
                out.add(line);
            }
        }
        if (!replaced) {
            out.addAll(server(origin));
        }
        return String.join("\n", out);
    }

    private static List<String> server(String origin) {
        return List.of("servers:", "  - url: \"" + origin + "\"",
                "    description: this serve (articles-local), where Try it out sends its requests", "");
    }

    private static HttpApiResponse ok(String contentType, byte[] body) {
        return new HttpApiResponse(200, new ArrayList<>(List.of(Map.entry("content-type", contentType),
                Map.entry("cache-control", "no-cache"))), body);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The webjar's version, from its Maven metadata: its files live in a folder named by it. */
    private static String swaggerUiVersion() {
        try (InputStream in = ApiReference.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI (org.webjars:swagger-ui) is not on the class path: rebuild articles-local.jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
