using System.Text.Json;
using Pitstop.Api.Hosting;
using Pitstop.Api.Intake;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Rules.Tests.Intake;

/// <summary>One set of spellings: what intake reads is what every response writes.</summary>
public class WireNamesTests
{
    private static readonly JsonSerializerOptions Api = Configured();

    private static JsonSerializerOptions Configured()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }

    [Fact]
    public void Every_value_of_the_contracts_vocabularies_is_written_as_intake_reads_it_and_read_back()
    {
        AssertRoundTrip(WireVocabularies.VehicleClasses);
        AssertRoundTrip(WireVocabularies.VisitKinds);
        AssertRoundTrip(WireVocabularies.Defects);
        AssertRoundTrip(WireVocabularies.Experiences);
        AssertRoundTrip(WireVocabularies.StaffRoles);
        AssertRoundTrip(WireVocabularies.IncidentStatuses);
        AssertRoundTrip(WireVocabularies.Severities);
        AssertRoundTrip(WireVocabularies.UpsellProducts);
        AssertRoundTrip(WireVocabularies.Ownerships);
        AssertRoundTrip(WireVocabularies.ContractKinds);
        AssertRoundTrip(WireVocabularies.Tiers);
        AssertRoundTrip(WireVocabularies.RewardCategories);
    }

    [Theory]
    [InlineData(UpsellProduct.ExtendedWarranty, "extended_warranty")]
    [InlineData(UpsellProduct.InsuranceRenewal, "insurance_renewal")]
    [InlineData(ContractKind.LeaseToPurchase, "lease_to_purchase")]
    [InlineData(ContractKind.FinanceCompleted, "finance_completed")]
    public void Responses_spell_multi_word_values_as_events_md_does(Enum value, string spelling)
    {
        JsonSerializer.Serialize(value, value.GetType(), Api).Should().Be($"\"{spelling}\"");
    }

    [Fact]
    public void Values_outside_the_contract_are_spelled_in_kebab_case_like_the_json_writes_them()
    {
        WireNames.Of(CustomerNoticeKind.RecoveryFunded).Should().Be("recovery-funded");
        JsonSerializer.Serialize(CustomerNoticeKind.RecoveryFunded, Api).Should().Be("\"recovery-funded\"");
        WireNames.Of(Tier.Platinum).Should().Be("platinum");
    }

    private static void AssertRoundTrip<T>(WireVocabulary<T> vocabulary)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var written = JsonSerializer.Serialize(value, Api);
            written.Should().Be($"\"{WireNames.Of(value)}\"", "{0}.{1} is written as it is spelled", typeof(T).Name, value);
            JsonSerializer.Deserialize<T>(written, Api).Should().Be(value);
            vocabulary.TryParse(WireNames.Of(value), out var parsed).Should().BeTrue("intake reads {0}", written);
            parsed.Should().Be(value);
        }
    }
}
