namespace PolicyDashboard.Core.Model;

/// <summary>A Kubernetes IntOrString: a port number or a port name.</summary>
public readonly record struct IntOrString(int? Number, string? Name)
{
    public static IntOrString Of(int number) => new(number, null);
    public static IntOrString Of(string name) => new(null, name);
    public bool IsNumber => Number is not null;
    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Name ?? "";
}
