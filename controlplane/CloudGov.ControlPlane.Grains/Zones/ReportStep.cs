namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>The effect of one report (<see cref="ZoneReportEffect.Apply"/>).</summary>
/// <param name="Result">Accepted, or why not.</param>
/// <param name="Next">The zone's state after the report (the same state when refused).</param>
/// <param name="InventoryChanged">True when status or the workload set changed: written at once and published; otherwise written behind.</param>
internal readonly record struct ReportStep(ReportResult Result, ZoneState Next, bool InventoryChanged);
