// DurableExecutionStore: idempotent names (durable.md §1.5), paging, listing filters (§2.6),
// callbacks by id, chained durable children, retention, and the journal (write, reload after a
// crash, torn last record).

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "emulator/durable/durable_execution_store.hpp"
#include "tests/unit/durable_test_support.hpp"

using namespace lemu;
using namespace lemu::durable;
using namespace lemu::durable::test;
using namespace std::chrono_literals;
using A = OperationAction;

namespace {

StartRequest start_request(std::optional<std::string> name, std::string payload = "{\"n\":1}",
                           std::string qualifier = "live", std::string version = "1") {
    StartRequest r;
    r.function_name = "demo";
    r.start_qualifier = std::move(qualifier);
    r.pinned_version = std::move(version);
    r.settings = DurableSettings{3600, 14};
    r.payload = std::move(payload);
    r.name = std::move(name);
    return r;
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        SeededRandom r(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
        path = std::filesystem::temp_directory_path() / ("lemu-durable-test-" + random_hex(r, 12));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

struct Recorder final : StoreListener {
    std::vector<std::string> arns;
    void execution_changed(const std::string& arn) override { arns.push_back(arn); }
};

CheckpointResponse checkpoint(DurableExecutionStore& store, const std::string& arn, std::string& token,
                              std::vector<OperationUpdate> updates) {
    CheckpointResponse r = store.checkpoint(arn, CheckpointRequest{token, std::nullopt, std::move(updates)});
    token = r.token;
    return r;
}

std::vector<std::string> event_types(const std::vector<HistoryEvent>& events) {
    std::vector<std::string> out;
    for (const HistoryEvent& e : events) {
        out.emplace_back(to_string(e.type));
    }
    return out;
}

}  // namespace

TEST_CASE("store: idempotent execution names", "[unit][durable]") {
    ManualClock clock(kT0);
    SeededRandom random(1);
    DurableExecutionStore store(clock, random, AccountRegion{});

    // 1: no name -> a new execution with a generated name each time.
    StartResult a = store.start(start_request(std::nullopt));
    StartResult b = store.start(start_request(std::nullopt));
    CHECK(a.created);
    CHECK(b.created);
    CHECK(a.arn != b.arn);
    CHECK(a.arn.starts_with("arn:aws:lambda:us-east-1:000000000000:function:demo:1/durable-execution/"));

    // 2: a new name starts a new execution with that name, pinned in the ARN.
    StartResult first = store.start(start_request("order-1"));
    CHECK(first.created);
    CHECK(first.arn.starts_with("arn:aws:lambda:us-east-1:000000000000:function:demo:1/durable-execution/order-1/"));
    // 3: same name, same payload, RUNNING -> the same execution, even after the alias moved to 2.
    StartResult again = store.start(start_request("order-1", "{\"n\":1}", "live", "2"));
    CHECK_FALSE(again.created);
    CHECK(again.arn == first.arn);
    CHECK(again.pinned_version == "1");
    // 4: same name, other payload -> 409.
    AwsError conflict = thrown([&] { store.start(start_request("order-1", "{\"n\":2}")); });
    CHECK(conflict.code() == ErrorCode::DurableExecutionAlreadyStarted);
    CHECK(conflict.name() == "DurableExecutionAlreadyStartedException");
    CHECK(conflict.http_status() == 409);
    // 5/6: closed executions keep their name.
    store.stop(first.arn, std::nullopt);
    StartResult closed = store.start(start_request("order-1"));
    CHECK_FALSE(closed.created);
    CHECK(closed.status == ExecutionStatus::Stopped);
    CHECK(thrown([&] { store.start(start_request("order-1", "other")); }).code() ==
          ErrorCode::DurableExecutionAlreadyStarted);
    // Names follow the model's DurableExecutionName constraint.
    AwsError bad_name = thrown([&] { store.start(start_request("order 1")); });
    CHECK(bad_name.code() == ErrorCode::Validation);
    CHECK(bad_name.message() ==
          "1 validation error detected: Value 'order 1' at 'durableExecutionName' failed to satisfy constraint: Member "
          "must satisfy regular expression pattern: [a-zA-Z0-9-_]+");
    CHECK(thrown([&] { store.start(start_request(std::string(65, 'n'))); }).code() == ErrorCode::Validation);
    // Names are per function.
    StartRequest other = start_request("order-1");
    other.function_name = "other";
    CHECK(store.start(other).created);
    // Retention: after 14 days the name is free again.
    clock.advance(14 * 24h + 1s);
    store.advance();
    CHECK(store.start(start_request("order-1", "new payload")).created);
    CHECK(thrown([&] { store.describe(first.arn); }).code() == ErrorCode::ResourceNotFound);
}

TEST_CASE("store: unknown ARNs and callbacks", "[unit][durable]") {
    ManualClock clock(kT0);
    SeededRandom random(2);
    DurableExecutionStore store(clock, random, AccountRegion{});
    std::string arn = "arn:aws:lambda:us-east-1:000000000000:function:demo:1/durable-execution/x/y";
    AwsError cp = thrown([&] { store.checkpoint(arn, CheckpointRequest{"dG9r", std::nullopt, {}}); });
    CHECK(cp.code() == ErrorCode::InvalidParameterValue);
    CHECK(cp.message() == "Durable execution not found: " + arn);
    CHECK(thrown([&] { store.state(arn, "dG9r", std::nullopt, 0); }).code() == ErrorCode::InvalidParameterValue);
    CHECK(thrown([&] { store.describe(arn); }).code() == ErrorCode::ResourceNotFound);
    CHECK(thrown([&] { store.history(arn, false, std::nullopt, 0); }).code() == ErrorCode::ResourceNotFound);
    CHECK(thrown([&] { store.stop(arn, std::nullopt); }).code() == ErrorCode::ResourceNotFound);
    CHECK(thrown([&] { store.callback_success("bm9uZQ==", ""); }).code() == ErrorCode::InvalidParameterValue);

    StartResult s = store.start(start_request("cb"));
    InvocationStart inv = *store.begin_invocation(s.arn);
    std::string token = inv.token;
    CheckpointResponse r = checkpoint(store, s.arn, token, {callback("c", 0, 30)});
    std::string id = *r.operations[0].callback_id;
    store.finish_invocation(s.arn, inv.request_id, InvocationOutcome{InvocationOutcome::Kind::Pending, {}, {}});
    store.callback_heartbeat(id);
    store.callback_success(id, "{\"ok\":true}");
    CHECK(thrown([&] { store.callback_failure(id, std::nullopt); }).code() == ErrorCode::CallbackTimeout);
    InvocationStart resume = *store.begin_invocation(s.arn);
    CHECK(resume.updated_operation_ids == std::vector<std::string>{"c"});
    CHECK(resume.operations.back().result == "{\"ok\":true}");
}

TEST_CASE("store: state and history paging", "[unit][durable]") {
    ManualClock clock(kT0);
    SeededRandom random(3);
    DurableExecutionStore store(clock, random, AccountRegion{});
    StartResult s = store.start(start_request("paging"));
    InvocationStart inv = *store.begin_invocation(s.arn);
    std::string token = inv.token;
    std::vector<OperationUpdate> updates;
    for (int i = 0; i < 5; ++i) {
        updates.push_back(step("s" + std::to_string(i), A::Start));
        updates.push_back(step("s" + std::to_string(i), A::Succeed, std::to_string(i)));
    }
    checkpoint(store, s.arn, token, updates);

    Page<Operation> p1 = store.state(s.arn, inv.token, std::nullopt, 4);  // the initial token still reads state
    REQUIRE(p1.items.size() == 4);
    CHECK(p1.items[0].type == OperationType::Execution);
    CHECK(p1.next_marker == "4");
    Page<Operation> p2 = store.state(s.arn, token, p1.next_marker, 4);
    REQUIRE(p2.items.size() == 2);
    CHECK(p2.items[1].id == "s4");
    CHECK_FALSE(p2.next_marker);
    CHECK(thrown([&] { store.state(s.arn, token, std::string("x"), 4); }).code() == ErrorCode::InvalidParameterValue);
    CHECK(thrown([&] { store.state(s.arn, "c3RhbGU=", std::nullopt, 4); }).message().starts_with("Invalid Checkpoint Token"));

    Page<HistoryEvent> h = store.history(s.arn, false, std::nullopt, 0);  // 0: default 100
    CHECK(h.items.size() == 11);
    Page<HistoryEvent> newest = store.history(s.arn, true, std::nullopt, 3);
    CHECK(event_types(newest.items) == std::vector<std::string>{"StepSucceeded", "StepStarted", "StepSucceeded"});
    CHECK(newest.items[0].event_id == 11);
    Page<HistoryEvent> rest = store.history(s.arn, true, newest.next_marker, 100);
    CHECK(rest.items.size() == 8);
    CHECK(rest.items.back().type == EventType::ExecutionStarted);
}

TEST_CASE("store: ListDurableExecutionsByFunction filters", "[unit][durable]") {
    ManualClock clock(kT0);
    SeededRandom random(4);
    DurableExecutionStore store(clock, random, AccountRegion{});
    StartResult live1 = store.start(start_request("a", "{}", "live", "1"));
    clock.advance(1s);
    StartResult v2 = store.start(start_request("b", "{}", "2", "2"));
    clock.advance(1s);
    StartResult latest = store.start(start_request("c", "{}", "$LATEST", "$LATEST"));
    clock.advance(1s);
    StartResult live2 = store.start(start_request("d", "{}", "live", "2"));
    store.stop(live2.arn, std::nullopt);

    auto arns = [&](ListQuery q) {
        q.function_name = q.function_name.empty() ? "demo" : q.function_name;
        std::vector<std::string> out;
        for (const ExecutionSummary& s : store.list(q).items) {
            out.push_back(s.arn);
        }
        return out;
    };
    CHECK(arns(ListQuery{}) == std::vector<std::string>{latest.arn});  // no qualifier: $LATEST only
    CHECK(arns(ListQuery{"", "2", {}, {}, {}, {}, false, {}, 0}) == std::vector<std::string>{v2.arn, live2.arn});
    CHECK(arns(ListQuery{"", "live", {}, {}, {}, {}, false, {}, 0}) == std::vector<std::string>{live1.arn, live2.arn});
    CHECK(arns(ListQuery{"", "live", {}, {}, {}, {}, true, {}, 0}) == std::vector<std::string>{live2.arn, live1.arn});
    CHECK(arns(ListQuery{"", "live", {}, {ExecutionStatus::Stopped}, {}, {}, false, {}, 0}) ==
          std::vector<std::string>{live2.arn});
    CHECK(arns(ListQuery{"", "live", "a", {}, {}, {}, false, {}, 0}) == std::vector<std::string>{live1.arn});
    CHECK(arns(ListQuery{"", "live", {}, {}, kT0 + 2s, {}, false, {}, 0}) == std::vector<std::string>{live2.arn});
    CHECK(arns(ListQuery{"", "live", {}, {}, {}, kT0 + 2s, false, {}, 0}) == std::vector<std::string>{live1.arn});
    CHECK(arns(ListQuery{"nobody", {}, {}, {}, {}, {}, false, {}, 0}).empty());
    Page<ExecutionSummary> first = store.list(ListQuery{"demo", "live", {}, {}, {}, {}, false, {}, 1});
    REQUIRE(first.next_marker);
    Page<ExecutionSummary> second = store.list(ListQuery{"demo", "live", {}, {}, {}, {}, false, first.next_marker, 1});
    CHECK(second.items[0].arn == live2.arn);
    CHECK(second.items[0].function_arn == "arn:aws:lambda:us-east-1:000000000000:function:demo:live");
    CHECK(second.items[0].end_timestamp == kT0 + 3s);
    CHECK(store.running_pinned_to("demo", "2") == std::vector<std::string>{v2.arn});
    CHECK(store.running_pinned_to("demo", "1") == std::vector<std::string>{live1.arn});
    std::vector<std::string> any = store.running_pinned_to("demo", "");  // any version (DeleteFunction)
    std::vector<std::string> expected{v2.arn, live1.arn, latest.arn};
    std::sort(any.begin(), any.end());
    std::sort(expected.begin(), expected.end());
    CHECK(any == expected);
    CHECK(store.running_pinned_to("nobody", "").empty());
}

namespace {
class DurableChild final : public ChainedInvokeResolver {
public:
    ChainedTarget resolve(std::string_view) override { return ChainedTarget{"child", "live", "4", DurableSettings{60, 1}}; }
};
}  // namespace

TEST_CASE("store: a durable chained invoke runs as a pinned child execution", "[unit][durable]") {
    ManualClock clock(kT0);
    SeededRandom random(5);
    DurableExecutionStore store(clock, random, AccountRegion{});
    DurableChild resolver;
    store.set_resolver(&resolver);
    Recorder recorder;
    store.set_listener(&recorder);
    StartResult parent = store.start(start_request("parent"));
    InvocationStart inv = *store.begin_invocation(parent.arn);
    std::string token = inv.token;
    OperationUpdate invoke = update("i", OperationType::ChainedInvoke, A::Start);
    invoke.payload = "{\"x\":1}";
    invoke.chained_function_name = "child:live";
    CheckpointResponse r = checkpoint(store, parent.arn, token, {invoke});
    std::string child_arn = *store.history(parent.arn, false, std::nullopt, 0).items.back().durable_execution_arn;
    CHECK(child_arn.starts_with("arn:aws:lambda:us-east-1:000000000000:function:child:4/durable-execution/"));
    CHECK(std::find(recorder.arns.begin(), recorder.arns.end(), child_arn) != recorder.arns.end());
    ExecutionDescription child = store.describe(child_arn);
    CHECK(child.version == "4");
    CHECK(child.input == "{\"x\":1}");
    CHECK(child.summary.function_arn == "arn:aws:lambda:us-east-1:000000000000:function:child:live");
    CHECK(store.take_chained_launches(parent.arn).empty());  // durable targets are not the runner's to launch
    store.finish_invocation(parent.arn, inv.request_id, InvocationOutcome{InvocationOutcome::Kind::Pending, {}, {}});

    InvocationStart child_inv = *store.begin_invocation(child_arn);
    CHECK(child_inv.function_name == "child");
    CHECK(child_inv.pinned_version == "4");
    store.finish_invocation(child_arn, child_inv.request_id,
                            InvocationOutcome{InvocationOutcome::Kind::Succeeded, "\"from child\"", {}});
    InvocationStart resume = *store.begin_invocation(parent.arn);
    CHECK(resume.updated_operation_ids == std::vector<std::string>{"i"});
    CHECK(resume.operations.back().status == OperationStatus::Succeeded);
    CHECK(resume.operations.back().result == "\"from child\"");
}

TEST_CASE("store: the journal survives a crash and tolerates a torn last record", "[unit][durable]") {
    TempDir dir;
    ManualClock clock(kT0);
    SeededRandom random(6);
    std::string arn;
    std::string token;
    std::string callback_id;
    std::size_t events = 0;
    {
        DurableExecutionStore store(clock, random, AccountRegion{}, dir.path);
        arn = store.start(start_request("persisted")).arn;
        InvocationStart inv = *store.begin_invocation(arn);
        token = inv.token;
        checkpoint(store, arn, token, {step("a", A::Start), step("a", A::Succeed, "\"A\"")});
        CheckpointResponse r = checkpoint(store, arn, token, {wait("w", 3600), callback("cb", 7200)});
        callback_id = *r.operations[1].callback_id;
        events = store.history(arn, false, std::nullopt, 0).items.size();
        // The store is dropped here without any shutdown: what a kill -9 leaves behind.
    }
    std::filesystem::path file;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path)) {
        file = entry.path();
    }
    REQUIRE(file.extension() == ".jsonl");
    {
        std::ofstream torn(file, std::ios::app | std::ios::binary);
        torn << R"({"v":1,"status":"SUCC)";  // a write cut short by the crash
    }
    DurableExecutionStore recovered(clock, random, AccountRegion{}, dir.path);
    CHECK(recovered.load() == 1);
    ExecutionDescription d = recovered.describe(arn);
    CHECK(d.summary.status == ExecutionStatus::Running);
    CHECK(d.version == "1");
    CHECK(recovered.history(arn, false, std::nullopt, 0).items.size() == events);
    // The in-flight invocation is gone: its token is dead and a new invocation is owed.
    CHECK(thrown([&] { recovered.checkpoint(arn, CheckpointRequest{token, std::nullopt, {}}); }).code() ==
          ErrorCode::InvalidCheckpointToken);
    InvocationStart resume = *recovered.begin_invocation(arn);
    REQUIRE(resume.operations.size() == 4);
    CHECK(resume.operations[1].result == "\"A\"");
    CHECK(resume.operations[2].scheduled_end == kT0 + 1h);
    CHECK(recovered.next_due() == kT0 + 1h);
    // Callback ids are indexed again.
    recovered.callback_success(callback_id, "late");
    // The torn tail was cut off: the file is one good line per record again.
    std::ifstream in(file);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
        CHECK(line.starts_with("{"));
        ++lines;
    }
    CHECK(lines >= 1);
    // A file whose first record is torn never finished starting: it is dropped.
    {
        std::ofstream partial(dir.path / "half.jsonl", std::ios::binary);
        partial << R"({"v":1,"identity":{"arn":"x")";
    }
    DurableExecutionStore again(clock, random, AccountRegion{}, dir.path);
    CHECK(again.load() == 1);
    CHECK_FALSE(std::filesystem::exists(dir.path / "half.jsonl"));
    CHECK(again.history(arn, false, std::nullopt, 0).items.back().type == EventType::CallbackSucceeded);
}

TEST_CASE("journal: replay keeps the latest state of each operation and appends events", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    std::string text = ExecutionJournal::encode(d.execution.record(), d.execution.take_delta(), true);
    d.checkpoint({step("s", A::Start), retry("s", 5, "boom")}, kT0);
    text += ExecutionJournal::encode(d.execution.record(), d.execution.take_delta(), false);
    d.execution.advance_to(kT0 + 5s);
    text += ExecutionJournal::encode(d.execution.record(), d.execution.take_delta(), false);
    ExecutionRecord r;
    std::size_t good = 0;
    REQUIRE(ExecutionJournal::replay(text, r, good));
    CHECK(good == text.size());
    CHECK(r.identity.arn == d.execution.arn());
    REQUIRE(r.operations.size() == 2);
    CHECK(r.operations[1].status == OperationStatus::Ready);
    CHECK(r.operations[1].attempt == 1);
    CHECK(r.operations[1].error->message == "boom");
    CHECK(r.history.size() == d.execution.record().history.size());
    CHECK(r.changed == std::vector<std::string>{"s"});
    CHECK(r.in_flight->request_id == d.request_id);
    ExecutionRecord torn;
    REQUIRE(ExecutionJournal::replay(text.substr(0, text.size() - 10), torn, good));
    CHECK(torn.operations[1].status == OperationStatus::Pending);
}
