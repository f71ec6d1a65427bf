namespace Memgate.Proxy.Tests.Integration;

/// <summary>What a bounded load run observed.</summary>
internal sealed class LoadReport
{
    public int Requests;
    public int Acknowledged;
    public int WrongReplies;
    public int Unanswered;
    public int GetFailures;
    public TimeSpan Slowest;
    public readonly List<string> Problems = [];

    public void Problem(string text)
    {
        lock (Problems)
        {
            if (Problems.Count < 20)
            {
                Problems.Add(text);
            }
        }
    }

    public override string ToString() =>
        $"requests {Requests}, acknowledged sets {Acknowledged}, wrong replies {WrongReplies}, unanswered {Unanswered}, failed gets {GetFailures}, slowest {Slowest.TotalMilliseconds:F0} ms\n" + string.Join("\n", Problems);
}
