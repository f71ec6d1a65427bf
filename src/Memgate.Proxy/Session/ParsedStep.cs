using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Session;

/// <summary>What parsing one request from the receive buffer produced.</summary>
internal readonly record struct ParsedStep(ParsedStepKind Kind, int Consumed, ProxyRequest? Request = null, ProxyReply Reply = default, int MinimumInput = 0)
{
    public static ParsedStep NeedMore(int minimumInput = 0) => new(ParsedStepKind.NeedMore, 0, MinimumInput: minimumInput);

    public static ParsedStep Close(int consumed = 0) => new(ParsedStepKind.Close, consumed);

    public static ParsedStep Answer(int consumed, ProxyReply reply) => new(ParsedStepKind.Answer, consumed, Reply: reply);

    public static ParsedStep Forward(int consumed, ProxyRequest request) => new(ParsedStepKind.Forward, consumed, request);
}
