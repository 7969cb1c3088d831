using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

public class CustomerContractsTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);

    private static ContractSigned Contract(string id, string vin, VehicleClass vehicleClass, ContractKind kind = ContractKind.New, Ownership ownership = Ownership.Lease) =>
        new(id, "C-1", vin, vehicleClass, ownership, kind);

    private static string Transfer(string contractId) => $"contracts:{contractId}:customer:C-1";

    [Fact]
    public void A_reversed_contract_leaves_the_contracts_in_force_and_the_best_class_is_taken_again()
    {
        var contracts = new CustomerContracts();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Entry), Day0, Transfer("CT-1"));
        contracts.Sign(Contract("CT-2", "VIN-B", VehicleClass.Performance), Day0.AddDays(1), Transfer("CT-2"));

        contracts.Reverse(Transfer("CT-2")).Should().BeTrue();

        contracts.ByVin.Values.Select(c => c.ContractId).Should().Equal("CT-1");
        contracts.BestClass.Should().Be(VehicleClass.Entry);
        contracts.Reverse(Transfer("CT-1")).Should().BeTrue();
        contracts.BestClass.Should().BeNull("no contract is left in force");
    }

    [Fact]
    public void Reversing_a_vehicles_newest_contract_puts_the_one_before_it_back_in_force()
    {
        var contracts = new CustomerContracts();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Mid), Day0, Transfer("CT-1"));
        contracts.Sign(Contract("CT-2", "VIN-A", VehicleClass.Performance, ContractKind.Renewal), Day0.AddDays(30), Transfer("CT-2"));

        contracts.Reverse(Transfer("CT-2"));

        contracts.ByVin.Should().ContainSingle().Which.Value.ContractId.Should().Be("CT-1");
        contracts.BestClass.Should().Be(VehicleClass.Mid);
    }

    [Fact]
    public void Reversing_a_superseded_contract_leaves_the_vehicles_newest_in_force()
    {
        var contracts = new CustomerContracts();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Performance), Day0, Transfer("CT-1"));
        contracts.Sign(Contract("CT-2", "VIN-A", VehicleClass.Mid, ContractKind.LeaseToPurchase, Ownership.Purchase), Day0.AddDays(30), Transfer("CT-2"));

        contracts.Reverse(Transfer("CT-1")).Should().BeTrue();
        contracts.Reverse(Transfer("CT-2"));

        contracts.BestClass.Should().BeNull("the superseded contract, reversed first, does not come back");
    }

    [Fact]
    public void A_reversal_of_an_award_no_contract_earned_changes_nothing()
    {
        var contracts = new CustomerContracts();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Mid), Day0, Transfer("CT-1"));

        contracts.Reverse("dms:visit-1:customer:C-1").Should().BeFalse();
        contracts.Reverse(Transfer("CT-1")).Should().BeTrue();
        contracts.Reverse(Transfer("CT-1")).Should().BeFalse("a contract is reversed once");
        contracts.FirstSignedAt.Should().Be(Day0, "the first contract's date stays: it may come from a migration");
    }

    [Fact]
    public void The_best_class_counts_lease_and_purchase_alike()
    {
        var contracts = new CustomerContracts();
        contracts.BestClass.Should().BeNull();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Entry, ownership: Ownership.Purchase), Day0, Transfer("CT-1"));
        contracts.Sign(Contract("CT-2", "VIN-B", VehicleClass.Performance, ownership: Ownership.Lease), Day0.AddDays(1), Transfer("CT-2"));
        contracts.BestClass.Should().Be(VehicleClass.Performance);
    }

    [Fact]
    public void A_later_contract_for_the_same_vehicle_replaces_the_earlier_and_an_older_one_does_not()
    {
        var contracts = new CustomerContracts();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Performance), Day0, Transfer("CT-1"));
        contracts.Sign(Contract("CT-2", "VIN-A", VehicleClass.Mid, ContractKind.LeaseToPurchase, Ownership.Purchase), Day0.AddDays(30), Transfer("CT-2"));
        contracts.Sign(Contract("CT-0", "VIN-A", VehicleClass.Entry), Day0.AddDays(-30), Transfer("CT-0"));

        contracts.ByVin.Should().ContainSingle().Which.Value.ContractId.Should().Be("CT-2");
        contracts.BestClass.Should().Be(VehicleClass.Mid);
        contracts.FirstSignedAt.Should().Be(Day0.AddDays(-30));
    }

    [Fact]
    public void A_migrated_first_contract_counts_only_when_older()
    {
        var contracts = new CustomerContracts();
        contracts.Sign(Contract("CT-1", "VIN-A", VehicleClass.Mid), Day0, Transfer("CT-1"));
        contracts.NoteFirstContract(Day0.AddYears(1)).Should().BeFalse();
        contracts.NoteFirstContract(Day0.AddYears(-4)).Should().BeTrue();
        contracts.FirstSignedAt.Should().Be(Day0.AddYears(-4));
    }

    [Fact]
    public void Upgrade_prompts_close_when_a_later_contract_answers_them_or_they_grow_stale()
    {
        var prompts = new UpgradePrompts();
        prompts.Raise(new UpgradePrompt("SV-1", "D-1", Day0)).Should().BeTrue();
        prompts.Raise(new UpgradePrompt("SV-1", "D-1", Day0)).Should().BeFalse();
        prompts.Raise(new UpgradePrompt("SV-2", "D-1", Day0.AddDays(10))).Should().BeTrue();

        prompts.Answer(Day0.AddDays(5));
        prompts.Open.Should().ContainSingle(p => p.SurveyId == "SV-2");
        prompts.DropStale(Day0.AddDays(100), TimeSpan.FromDays(90));
        prompts.Open.Should().BeEmpty();
    }
}
