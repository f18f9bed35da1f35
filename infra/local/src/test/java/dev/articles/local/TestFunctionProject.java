package dev.articles.local;

import dev.articles.local.testfn.TestHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A project of its own for the runtime tests: a template with the test function on several routes, CORS and a
 * table, and the test function jarred where the template's CodeUri says, as a real build puts it.
 */
final class TestFunctionProject {

    static final String TEMPLATE = """
            Parameters:
              Origins: { Type: CommaDelimitedList, Default: "https://app.example,https://*.example.org" }
              Issuer: { Type: String }
            Globals:
              Function:
                Runtime: java25
                MemorySize: 256
                Timeout: 3
                Environment:
                  Variables:
                    TABLE_NAME: !Ref Table
                    JAVA_TOOL_OPTIONS: "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  DefinitionBody:
                    openapi: "3.0.1"
                    info: { title: !Ref AWS::StackName, version: "1" }
                    paths:
                      /secured:
                        get:
                          security: [{ Jwt: [] }]
                      /secured/{scope}:
                        get:
                          security: [{ Jwt: [echo/read] }]
                  Auth:
                    Authorizers:
                      Jwt:
                        IdentitySource: $request.header.X-Token
                        JwtConfiguration: { issuer: !Ref Issuer, audience: [echo-test] }
                  CorsConfiguration:
                    AllowOrigins: !Ref Origins
                    AllowMethods: [GET, POST]
                    AllowHeaders: [Content-Type, Idempotency-Key]
                    ExposeHeaders: [ETag, Location]
                    MaxAge: 60
              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn/echo
                  Handler: dev.articles.local.testfn.TestHandler::handleRequest
                  Environment:
                    Variables:
                      SECRET: !Sub "{{resolve:secretsmanager:${Secret}}}"
                  Events:
                    Item:
                      Type: HttpApi
                      Properties: { ApiId: !Ref Api, Path: "/echo/{id}", Method: GET }
                    Any:
                      Type: HttpApi
                      Properties: { ApiId: !Ref Api, Path: /echo, Method: ANY }
                    Files:
                      Type: HttpApi
                      Properties: { ApiId: !Ref Api, Path: "/files/{proxy+}", Method: GET }
                    Secured:
                      Type: HttpApi
                      Properties: { ApiId: !Ref Api, Path: /secured, Method: GET }
                    Scoped:
                      Type: HttpApi
                      Properties: { ApiId: !Ref Api, Path: "/secured/{scope}", Method: GET }
              FallbackFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn/echo
                  Handler: dev.articles.local.testfn.TestHandler::handleRequest
                  MemorySize: 128
                  Events:
                    Fallback:
                      Type: HttpApi
                      Properties: { ApiId: !Ref Api, Path: $default, Method: ANY }
              Secret:
                Type: AWS::SecretsManager::Secret
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
                  KeySchema: [{ AttributeName: pk, KeyType: HASH }]
            """;

    /** The audience of the template's JWT authorizer (its issuer is the Issuer parameter). */
    static final String AUDIENCE = "echo-test";

    private final Path dir;

    private TestFunctionProject(Path dir) {
        this.dir = dir;
    }

    static TestFunctionProject create(Path dir) {
        try {
            Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
            TestFunctionProject project = new TestFunctionProject(dir);
            project.buildJar();
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path template() {
        return dir.resolve("template.yaml");
    }

    Path jar() {
        return dir.resolve("fn/echo/target/echo.jar");
    }

    /** Writes the jar (again): what `mvn package` does to a function's artifact. */
    void buildJar() {
        try {
            Path classes = Path.of(TestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String packageDir = TestHandler.class.getPackageName().replace('.', '/');
            Files.createDirectories(jar().getParent());
            List<Path> files;
            try (Stream<Path> list = Files.list(classes.resolve(packageDir))) {
                files = list.sorted().toList();
            }
            Path partial = jar().resolveSibling("echo.jar.tmp");
            try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jar = new JarOutputStream(out)) {
                for (Path file : files) {
                    jar.putNextEntry(new JarEntry(packageDir + "/" + file.getFileName()));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            Files.move(partial, jar(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
