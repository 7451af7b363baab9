package example;

public class LambdaRequestHandler {
    public String handleRequest(String input) {
        return input;
    }
}
