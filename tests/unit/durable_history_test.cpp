// History sequences of durable.md §2.5 for fixed inputs, and their JSON (epoch-second timestamps,
// one details member per event, IncludeExecutionData=false).

#include "emulator/durable/wire_codec.hpp"
#include "tests/unit/durable_test_support.hpp"

using namespace lemu;
using namespace lemu::durable;
using namespace lemu::durable::test;
using namespace std::chrono_literals;
using nlohmann::json;
using A = OperationAction;
using Kind = InvocationOutcome::Kind;

namespace {

std::vector<std::string> without_first(std::vector<std::string> v) {
    v.erase(v.begin());
    return v;
}

void check_event_ids(const DurableExecution& e) {
    for (std::size_t i = 0; i < e.record().history.size(); ++i) {
        CHECK(e.record().history[i].event_id == static_cast<std::int64_t>(i) + 1);
    }
}

class FixedResolver final : public ChainedInvokeResolver {
public:
    ChainedTarget resolve(std::string_view name) override {
        resolved.emplace_back(name);
        if (name == "missing:live") {
            throw AwsError(ErrorCode::ResourceNotFound,
                           "Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing:live");
        }
        ChainedTarget t{"child", "live", "3", std::nullopt};
        if (name == "plain") {
            t.qualifier.clear();
        }
        if (name != "plain-fn:live") {
            t.durable = DurableSettings{600, 7};
        }
        return t;
    }
    std::vector<std::string> resolved;
};

}  // namespace

TEST_CASE("history: step then wait then return", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({step("c4ca4238a0b92382", A::Start), step("c4ca4238a0b92382", A::Succeed, "{\"n\":21}")}, kT0);
    d.checkpoint({wait("c81e728d9d4c2f63", 5)}, kT0 + 10ms);
    d.finish(Kind::Pending, kT0 + 30ms);
    d.execution.advance_to(kT0 + 5s + 10ms);
    d.begin(kT0 + 5s + 10ms);
    d.finish(Kind::Succeeded, kT0 + 5s + 50ms, "{\"b\":42}");
    CHECK(without_first(d.events()) ==
          std::vector<std::string>{"StepStarted", "StepSucceeded", "WaitStarted", "InvocationCompleted",
                                   "WaitSucceeded", "InvocationCompleted", "ExecutionSucceeded"});
    check_event_ids(d.execution);
    const auto& h = d.execution.record().history;

    json started = wire::event_to_json(h[0], true);
    CHECK(started["EventType"] == "ExecutionStarted");
    CHECK(started["EventId"] == 1);
    CHECK(started["Id"] == "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    CHECK(started["Name"] == "order-1");
    CHECK(started["EventTimestamp"] == 1'700'000'000.0);
    CHECK(started["ExecutionStartedDetails"] == json{{"Input", {{"Payload", "{\"n\":21}"}}}, {"ExecutionTimeout", 86400}});

    json succeeded = wire::event_to_json(h[2], true);
    CHECK(succeeded["SubType"] == "Step");
    CHECK(succeeded["Name"] == "step-c4ca4238a0b92382");
    CHECK(succeeded["StepSucceededDetails"] ==
          json{{"Result", {{"Payload", "{\"n\":21}"}}}, {"RetryDetails", {{"CurrentAttempt", 1}}}});

    json wait_started = wire::event_to_json(h[3], true);
    CHECK(wait_started["EventTimestamp"] == 1'700'000'000.01);
    CHECK(wait_started["WaitStartedDetails"] == json{{"Duration", 5}, {"ScheduledEndTimestamp", 1'700'000'005.01}});
    CHECK(wire::event_to_json(h[5], true)["WaitSucceededDetails"] == json{{"Duration", 5}});

    json invocation = wire::event_to_json(h[4], true);
    CHECK(invocation["InvocationCompletedDetails"]["StartTimestamp"] == 1'700'000'000.0);
    CHECK(invocation["InvocationCompletedDetails"]["EndTimestamp"] == 1'700'000'000.03);
    CHECK(invocation["InvocationCompletedDetails"]["RequestId"].get<std::string>().size() == 36);

    CHECK(wire::event_to_json(h[7], true)["ExecutionSucceededDetails"] == json{{"Result", {{"Payload", "{\"b\":42}"}}}});
    // IncludeExecutionData=false drops payloads but keeps the required members.
    CHECK(wire::event_to_json(h[0], false)["ExecutionStartedDetails"] == json{{"Input", json::object()}, {"ExecutionTimeout", 86400}});
    CHECK(wire::event_to_json(h[7], false)["ExecutionSucceededDetails"] == json{{"Result", json::object()}});
}

TEST_CASE("history: a step retry", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({step("s", A::Start), retry("s", 2, "boom attempt 1")}, kT0);
    d.finish(Kind::Pending, kT0);
    d.execution.advance_to(kT0 + 2s);
    d.begin(kT0 + 2s);
    d.checkpoint({step("s", A::Start), step("s", A::Succeed, "\"ok on attempt 2\"")}, kT0 + 2s);
    d.finish(Kind::Succeeded, kT0 + 2s, "\"ok on attempt 2\"");
    CHECK(without_first(d.events()) ==
          std::vector<std::string>{"StepStarted", "StepFailed", "InvocationCompleted", "StepStarted", "StepSucceeded",
                                   "InvocationCompleted", "ExecutionSucceeded"});
    const auto& h = d.execution.record().history;
    CHECK(wire::event_to_json(h[2], true)["StepFailedDetails"] ==
          json{{"Error", {{"Payload", {{"ErrorMessage", "boom attempt 1"}, {"ErrorType", "Error"}}}}},
               {"RetryDetails", {{"CurrentAttempt", 1}, {"NextAttemptDelaySeconds", 2}}}});
    CHECK(wire::event_to_json(h[5], true)["StepSucceededDetails"]["RetryDetails"] == json{{"CurrentAttempt", 2}});
    check_event_ids(d.execution);
}

TEST_CASE("history: a callback", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    CheckpointResponse r = d.checkpoint({callback("cb", 60, 0)}, kT0);
    d.finish(Kind::Pending, kT0);
    d.execution.callback_succeeded(*r.operations[0].callback_id, "{\"approved\":true}", kT0 + 3s);
    d.begin(kT0 + 3s);
    d.finish(Kind::Succeeded, kT0 + 3s, "true");
    CHECK(without_first(d.events()) == std::vector<std::string>{"CallbackStarted", "InvocationCompleted",
                                                                "CallbackSucceeded", "InvocationCompleted",
                                                                "ExecutionSucceeded"});
    const auto& h = d.execution.record().history;
    CHECK(wire::event_to_json(h[1], true)["CallbackStartedDetails"] ==
          json{{"CallbackId", *r.operations[0].callback_id}, {"HeartbeatTimeout", 0}, {"Timeout", 60}});
    CHECK(wire::event_to_json(h[3], true)["CallbackSucceededDetails"] ==
          json{{"Result", {{"Payload", "{\"approved\":true}"}}}});
}

TEST_CASE("history: a chained invoke resolves its target once", "[unit][durable]") {
    Driver d;
    FixedResolver resolver;
    d.resolver = &resolver;
    d.begin(kT0);
    OperationUpdate invoke = update("i", OperationType::ChainedInvoke, A::Start);
    invoke.sub_type = "ChainedInvoke";
    invoke.payload = "{\"x\":1}";
    invoke.chained_function_name = "child:live";
    CheckpointResponse r = d.checkpoint({invoke}, kT0);
    REQUIRE(r.operations.size() == 1);
    const ChainedInvokeState& state = *d.op("i").chained;
    CHECK(state.executed_version == "3");
    CHECK(state.target_function == "child");
    CHECK(state.durable);
    CHECK(state.child_timeout_seconds == 600);
    CHECK(state.child_arn->starts_with("arn:aws:lambda:us-east-1:000000000000:function:child:3/durable-execution/"));
    d.finish(Kind::Pending, kT0);
    CHECK(d.execution.complete_chained("i", ChainedOutcome{OperationStatus::Succeeded, "\"child done\"", {}}, kT0 + 4s));
    CHECK_FALSE(d.execution.complete_chained("i", ChainedOutcome{OperationStatus::Failed, {}, ErrorObject{}}, kT0 + 5s));
    d.begin(kT0 + 4s);
    d.finish(Kind::Succeeded, kT0 + 4s, "1");
    CHECK(resolver.resolved == std::vector<std::string>{"child:live"});
    CHECK(without_first(d.events()) == std::vector<std::string>{"ChainedInvokeStarted", "InvocationCompleted",
                                                                "ChainedInvokeSucceeded", "InvocationCompleted",
                                                                "ExecutionSucceeded"});
    const auto& h = d.execution.record().history;
    json started = wire::event_to_json(h[1], true)["ChainedInvokeStartedDetails"];
    CHECK(started["FunctionName"] == "child:live");
    CHECK(started["Input"] == json{{"Payload", "{\"x\":1}"}});
    CHECK(started["ExecutedVersion"] == "3");
    CHECK(started["DurableExecutionArn"] == *state.child_arn);
    CHECK(wire::event_to_json(h[3], true)["ChainedInvokeSucceededDetails"] ==
          json{{"Result", {{"Payload", "\"child done\""}}}});
}

TEST_CASE("a chained invoke that cannot resolve fails its operation, not the checkpoint", "[unit][durable]") {
    Driver d;
    FixedResolver resolver;
    d.resolver = &resolver;
    d.begin(kT0);
    OperationUpdate missing = update("m", OperationType::ChainedInvoke, A::Start);
    missing.chained_function_name = "missing:live";
    OperationUpdate unqualified = update("u", OperationType::ChainedInvoke, A::Start);
    unqualified.chained_function_name = "plain";
    CheckpointResponse r = d.checkpoint({missing, unqualified}, kT0);
    REQUIRE(r.operations.size() == 2);
    CHECK(r.operations[0].status == OperationStatus::Failed);
    CHECK(r.operations[0].error->type == "ResourceNotFoundException");
    CHECK(r.operations[1].status == OperationStatus::Failed);
    CHECK(r.operations[1].error->message == "You cannot invoke a durable function using an unqualified ARN.");
    CHECK(without_first(d.events()) == std::vector<std::string>{"ChainedInvokeStarted", "ChainedInvokeFailed",
                                                                "ChainedInvokeStarted", "ChainedInvokeFailed"});
}
