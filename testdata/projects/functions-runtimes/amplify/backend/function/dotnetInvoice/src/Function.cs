namespace dotnetInvoice;

public class Function
{
    public string FunctionHandler(string input) => input;
}
