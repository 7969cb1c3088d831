namespace Pitstop.BudgetHotPath;

/// <summary>The names of the targets on the command line (<c>--targets</c>) and in the results.</summary>
internal static class TargetKeys
{
    public const string Budget = "budget";
    public const string Unbatched = "unbatched";
    public const string BudgetMemory = "budget-memory";
    public const string Floor = "floor";
    public const string TopUp = "topup";
    public const string RawUpdate = "raw-update";
}
