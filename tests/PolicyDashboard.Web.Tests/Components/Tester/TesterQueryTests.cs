using System.Web;
using PolicyDashboard.Web.Tester;

namespace PolicyDashboard.Web.Tests.Components.Tester;

public sealed class TesterQueryTests
{
    public static TheoryData<TesterQuery> Queries => new()
    {
        new TesterQuery(SourceKind.Hypothetical, Namespace: "team-doc", Name: "busybox", Labels: "run=busybox,k8s-app=guestbook",
            Destination: DestinationKind.Service, To: "default/redis-master", Port: "6379"),
        new TesterQuery(SourceKind.Pod, From: "default/frontend-a", Destination: DestinationKind.Pod, To: "default/redis-master-0", Port: "redis"),
        new TesterQuery(SourceKind.Pod, From: "default/frontend-a", Destination: DestinationKind.Ip, To: "fd00::1", Port: "53", Protocol: "UDP"),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void ToUrl_ParsedBack_GivesTheSameQuery(TesterQuery query)
    {
        var url = query.ToUrl();
        var values = HttpUtility.ParseQueryString(url[(url.IndexOf('?') + 1)..]);

        var parsed = TesterQuery.Parse(values["source"], values["from"], values["ns"], values["name"], values["labels"],
            values["dest"], values["to"], values["port"], values["protocol"]);

        Assert.Equal(query.Source, parsed.Source);
        Assert.Equal(query.Destination, parsed.Destination);
        Assert.Equal(query.To, parsed.To);
        Assert.Equal(query.Port, parsed.Port);
        Assert.Equal(query.Protocol, parsed.Protocol);
        if (query.Source == SourceKind.Pod) Assert.Equal(query.From, parsed.From);
        else Assert.Equal((query.Namespace, query.Name, query.Labels), (parsed.Namespace, parsed.Name, parsed.Labels));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("default/a", null, false)]
    [InlineData("default/a", "default/b", true)]
    public void IsComplete_SourceAndDestinationGiven_True(string? from, string? to, bool complete)
    {
        Assert.Equal(complete, new TesterQuery(SourceKind.Pod, From: from, To: to).IsComplete);
    }
}
