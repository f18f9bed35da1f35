package dev.articles.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small template shaped as the project's with search: an indexer that exists only with Search=enabled. */
public final class SearchTemplate {

    private SearchTemplate() {
    }

    /** Writes it into {@code dir} as template.yaml and returns its path. */
    public static Path write(Path dir) throws IOException {
        return Files.writeString(dir.resolve("template.yaml"), """
                Parameters:
                  Search: { Type: String, Default: disabled }
                Conditions:
                  SearchEnabled: !Equals [!Ref Search, enabled]
                Resources:
                  Always:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: a
                      Handler: a.A::handleRequest
                      Runtime: java25
                      Events: { Get: { Type: HttpApi, Properties: { Path: /a, Method: GET } } }
                  Indexer:
                    Type: AWS::Serverless::Function
                    Condition: SearchEnabled
                    Properties:
                      CodeUri: i
                      Handler: i.I::handleRequest
                      Runtime: java25
                      Events:
                        Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt T.StreamArn, StartingPosition: LATEST } }
                        GoLive: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 minute) } }
                """);
    }
}
