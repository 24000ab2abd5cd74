namespace PolicyDashboard.Web.Tests.Hosting;

/// <summary>The Dockerfile as <see cref="PublishedAppTests"/> reads it.</summary>
public sealed class ImageDefinitionTests
{
    [Fact]
    public void Dockerfile_Image_ListensOn8080InClusterModeAndPublishesTheWebProject()
    {
        var image = ImageDefinition.Load();

        Assert.Equal("http://+:8080", image.Environment["ASPNETCORE_URLS"]);
        Assert.Equal("InCluster", image.Environment["Kubernetes__Mode"]);
        Assert.Equal(["8080"], image.ExposedPorts);
        Assert.Equal(["dotnet", "PolicyDashboard.Web.dll"], image.Entrypoint);
        Assert.Equal(image.PublishOutput, image.WorkingDirectory);
        Assert.Equal("src/PolicyDashboard.Web/PolicyDashboard.Web.csproj", image.PublishArguments[0]);
        Assert.Contains("Release", image.PublishArguments);
    }

    [Fact]
    public void Parse_ContinuedEnvAndTwoStages_TakesTheFinalStageOnly()
    {
        var image = ImageDefinition.Parse("""
            FROM sdk AS build
            ENV BUILD_ONLY=1
            RUN dotnet publish app.csproj -c Release -o /out --nologo
            FROM runtime
            WORKDIR /out
            ENV A=1 \
                B="two words"
            EXPOSE 8080
            ENTRYPOINT ["dotnet", "app.dll"]
            """);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words" }, image.Environment);
        Assert.Equal(["publish", "app.csproj", "-c", "Release", "-o", "/tmp/x", "--nologo"], image.PublishArgumentsTo("/tmp/x"));
        Assert.Equal("/out", image.WorkingDirectory);
        Assert.Equal(["dotnet", "app.dll"], image.Entrypoint);
    }
}
