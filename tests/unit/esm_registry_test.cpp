#include <catch2/catch.hpp>

#include "control_test_util.hpp"
#include "sources/esm/esm_manager.hpp"
#include "sources/esm/mapping_registry.hpp"
#include "sources/esm/mapping_rules.hpp"
#include "sources/esm/mapping_state_file.hpp"

using namespace lemu;
using namespace lemu::sources;
using namespace lemu::sources::esm;
using lemu::testing::require_error;

namespace {

const std::string kFn = "arn:aws:lambda:us-east-1:000000000000:function:fn";

struct Fixture {
    ManualClock clock;
    SeededRandom random{3};
    control::FunctionRegistry functions{testing::kHome, clock, random};
    sqs::QueueStore queues{testing::kHome, clock, random};
    MappingRegistry registry{testing::kHome, functions, queues, clock, random};

    Fixture() {
        create_function("fn", 3);
        queues.create_queue("q", {{"VisibilityTimeout", "30"}}, {});
    }
    void create_function(const std::string& name, int timeout) {
        control::CreateFunctionRequest r;
        r.name = name;
        r.config.runtime = "python3.12";
        r.config.handler = "app.handler";
        r.config.role = testing::kRole;
        r.config.timeout_seconds = timeout;
        r.code.sha256 = "c2hhMQ==";
        r.code.size = 100;
        functions.create_function(std::move(r));
    }
    // Publishes a version with `timeout` (and a description, so every publish is a new version).
    void publish(const std::string& name, int timeout) {
        control::UpdateConfigRequest u;
        u.name = name;
        u.patch.timeout_seconds = timeout;
        u.patch.description = "t" + std::to_string(timeout) + "-" + std::to_string(++publishes);
        functions.update_configuration(std::move(u));
        control::PublishRequest p;
        p.name = name;
        functions.publish_version(std::move(p));
    }
    void alias(const std::string& fn, const std::string& name, const std::string& version) {
        control::AliasRequest a;
        a.function = fn;
        a.name = name;
        a.function_version = version;
        functions.create_alias(std::move(a));
    }
    std::string arn(const std::string& queue) { return queues.queue_arn(queue); }
    CreateMappingRequest request(const std::string& function, const std::string& queue = "q") {
        CreateMappingRequest r;
        r.event_source_arn = arn(queue);
        r.function_name = function;
        return r;
    }
    int publishes = 0;
};

}  // namespace

TEST_CASE("Create answers Creating with AWS's SQS defaults", "[unit][esm]") {
    Fixture f;
    EventSourceMapping m = f.registry.create(f.request("fn"));
    CHECK(m.state == MappingState::Creating);
    CHECK(m.state_transition_reason == "USER_INITIATED");
    CHECK(m.batch_size == 10);
    CHECK(m.maximum_batching_window_seconds == 0);
    CHECK_FALSE(m.report_batch_item_failures);
    CHECK(m.source_arn == "arn:aws:sqs:us-east-1:000000000000:q");
    CHECK(m.function_arn == kFn);
    CHECK(m.uuid.size() == 36);
    CHECK(mapping_arn(testing::kHome, m.uuid) ==
          "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + m.uuid);
    auto disabled = f.request("fn:$LATEST");
    disabled.enabled = false;
    CHECK(f.registry.create(disabled).state == MappingState::Disabled);
}

TEST_CASE("FunctionArn keeps the qualifier form it was given", "[unit][esm]") {
    Fixture f;
    f.publish("fn", 3);
    f.alias("fn", "live", "1");
    CHECK(f.registry.create(f.request("fn")).function_arn == kFn);
    f.queues.create_queue("q2", {}, {});
    CHECK(f.registry.create(f.request("fn:$LATEST", "q2")).function_arn == kFn + ":$LATEST");
    f.queues.create_queue("q3", {}, {});
    CHECK(f.registry.create(f.request(kFn + ":1", "q3")).function_arn == kFn + ":1");
    f.queues.create_queue("q4", {}, {});
    CHECK(f.registry.create(f.request("fn:live", "q4")).function_arn == kFn + ":live");
    f.queues.create_queue("q5", {}, {});
    CHECK(f.registry.create(f.request("000000000000:function:fn", "q5")).function_arn == kFn);
}

TEST_CASE("Create rejects what AWS rejects, with AWS's texts, and stores nothing", "[unit][esm]") {
    Fixture f;
    f.publish("fn", 3);
    auto invalid = ErrorCode::InvalidParameterValue;

    auto no_source = f.request("fn");
    no_source.event_source_arn.reset();
    require_error([&] { f.registry.create(no_source); }, invalid, "Unrecognized event source.");
    require_error([&] { f.registry.create(f.request("nosuch")); }, invalid, "Function does not exist");
    require_error([&] { f.registry.create(f.request("fn:nosuchalias")); }, invalid,
                  "Function does not exist");
    require_error([&] { f.registry.create(f.request("fn:7")); }, invalid, "Function does not exist");
    require_error(
        [&] { f.registry.create(f.request("fn", "missing")); }, invalid,
        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS "
        "Error Message: The specified queue does not exist.");
    auto big = f.request("fn");
    big.batch_size = 11;
    require_error(
        [&] { f.registry.create(big); }, invalid,
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    f.queues.create_queue("f.fifo", {{"FifoQueue", "true"}}, {});
    auto fifo_window = f.request("fn", "f.fifo");
    fifo_window.maximum_batching_window_seconds = 1;
    require_error([&] { f.registry.create(fifo_window); }, invalid,
                  "Batching window is not supported for FIFO queues");
    auto fifo_big = f.request("fn", "f.fifo");
    fifo_big.batch_size = 11;
    require_error(
        [&] { f.registry.create(fifo_big); }, invalid,
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    CHECK(f.registry.all().empty());

    big.maximum_batching_window_seconds = 1;
    CHECK(f.registry.create(big).batch_size == 11);
}

TEST_CASE("the queue's visibility timeout is checked against the version the target resolves to",
          "[unit][esm]") {
    Fixture f;
    f.publish("fn", 3);   // version 1
    f.publish("fn", 60);  // version 2; $LATEST is 60 too
    f.alias("fn", "old", "1");
    f.alias("fn", "new", "2");
    auto invalid = ErrorCode::InvalidParameterValue;
    const std::string text = "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds";
    require_error([&] { f.registry.create(f.request("fn:2")); }, invalid, text);
    require_error([&] { f.registry.create(f.request("fn:new")); }, invalid, text);
    require_error([&] { f.registry.create(f.request("fn")); }, invalid, text);
    EventSourceMapping m = f.registry.create(f.request("fn:old"));

    // Update re-checks: retargeting to the longer version fails and leaves the mapping alone.
    UpdateMappingRequest retarget;
    retarget.uuid = m.uuid;
    retarget.function_name = "fn:2";
    require_error([&] { f.registry.update(retarget); }, invalid, text);
    CHECK(f.registry.get(m.uuid).function_arn == kFn + ":old");
    CHECK(f.registry.get(m.uuid).revision == m.revision);
}

TEST_CASE("a second mapping of the same queue and function ARN is a conflict", "[unit][esm]") {
    Fixture f;
    f.publish("fn", 3);
    EventSourceMapping first = f.registry.create(f.request("fn"));
    require_error(
        [&] { f.registry.create(f.request("fn")); }, ErrorCode::ResourceConflict,
        "An event source mapping with SQS arn (\" arn:aws:sqs:us-east-1:000000000000:q \") and function "
        "(\" fn \") already exists. Please update or delete the existing mapping with UUID " +
            first.uuid);
    // Another qualifier of the same function may map the same queue (sources.md §9.4).
    EventSourceMapping v1 = f.registry.create(f.request("fn:1"));
    require_error(
        [&] { f.registry.create(f.request("fn:1")); }, ErrorCode::ResourceConflict,
        "An event source mapping with SQS arn (\" arn:aws:sqs:us-east-1:000000000000:q \") and function "
        "(\" fn:1 \") already exists. Please update or delete the existing mapping with UUID " +
            v1.uuid);
    UpdateMappingRequest onto_first;
    onto_first.uuid = v1.uuid;
    onto_first.function_name = "fn";
    CHECK_THROWS_AS(f.registry.update(onto_first), AwsError);
}

TEST_CASE("Update states, retargets and validation", "[unit][esm]") {
    Fixture f;
    f.publish("fn", 3);
    f.publish("fn", 3);
    EventSourceMapping m = f.registry.create(f.request("fn:1"));
    CHECK(f.registry.settle(m.uuid)->state == MappingState::Enabled);

    UpdateMappingRequest retarget;
    retarget.uuid = m.uuid;
    retarget.function_name = "fn:2";
    EventSourceMapping updated = f.registry.update(retarget);
    CHECK(updated.state == MappingState::Updating);
    CHECK(updated.function_arn == kFn + ":2");
    CHECK(updated.revision == m.revision + 1);
    CHECK(f.registry.settle(m.uuid)->state == MappingState::Enabled);

    UpdateMappingRequest big;
    big.uuid = m.uuid;
    big.batch_size = 11;
    require_error(
        [&] { f.registry.update(big); }, ErrorCode::InvalidParameterValue,
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");

    UpdateMappingRequest disable;
    disable.uuid = m.uuid;
    disable.enabled = false;
    CHECK(f.registry.update(disable).state == MappingState::Disabling);
    CHECK(f.registry.settle(m.uuid)->state == MappingState::Disabled);
    UpdateMappingRequest batch;
    batch.uuid = m.uuid;
    batch.batch_size = 5;
    CHECK(f.registry.update(batch).state == MappingState::Updating);
    CHECK(f.registry.settle(m.uuid)->state == MappingState::Disabled);
    UpdateMappingRequest enable;
    enable.uuid = m.uuid;
    enable.enabled = true;
    CHECK(f.registry.update(enable).state == MappingState::Enabling);
    CHECK(f.registry.settle(m.uuid)->state == MappingState::Enabled);

    UpdateMappingRequest unknown;
    unknown.uuid = "00000000-0000-0000-0000-000000000000";
    require_error([&] { f.registry.update(unknown); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
}

TEST_CASE("Delete marks Deleting; the mapping is gone once erased", "[unit][esm]") {
    Fixture f;
    EventSourceMapping m = f.registry.create(f.request("fn"));
    CHECK(f.registry.remove(m.uuid).state == MappingState::Deleting);
    f.registry.erase(m.uuid);
    require_error([&] { f.registry.get(m.uuid); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
    require_error([&] { f.registry.remove(m.uuid); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
}

TEST_CASE("mappings survive DeleteFunction", "[unit][esm]") {
    Fixture f;
    EventSourceMapping m = f.registry.create(f.request("fn"));
    f.registry.settle(m.uuid);
    f.functions.delete_function(testing::ref("fn"));
    EventSourceMapping after = f.registry.get(m.uuid);
    CHECK(after.function_arn == kFn);
    CHECK(after.state == MappingState::Enabled);
    UpdateMappingRequest disable;  // a mapping whose function is gone can still be switched off
    disable.uuid = m.uuid;
    disable.enabled = false;
    CHECK(f.registry.update(disable).state == MappingState::Disabling);
}

TEST_CASE("List filters by queue and function and pages with a marker", "[unit][esm]") {
    Fixture f;
    f.publish("fn", 3);
    f.create_function("other", 3);
    f.queues.create_queue("q2", {}, {});
    EventSourceMapping a = f.registry.create(f.request("fn"));
    EventSourceMapping b = f.registry.create(f.request("fn:1"));
    EventSourceMapping c = f.registry.create(f.request("other", "q2"));

    auto uuids = [](const MappingPage& page) {
        std::vector<std::string> out;
        for (const auto& m : page.items) {
            out.push_back(m.uuid);
        }
        return out;
    };
    ListMappingsRequest all;
    CHECK(uuids(f.registry.list(all)) == std::vector<std::string>{a.uuid, b.uuid, c.uuid});
    ListMappingsRequest by_queue;
    by_queue.event_source_arn = f.arn("q2");
    CHECK(uuids(f.registry.list(by_queue)) == std::vector<std::string>{c.uuid});
    ListMappingsRequest by_function;
    by_function.function_name = "fn";
    CHECK(uuids(f.registry.list(by_function)) == std::vector<std::string>{a.uuid, b.uuid});
    by_function.function_name = "fn:1";
    CHECK(uuids(f.registry.list(by_function)) == std::vector<std::string>{b.uuid});
    by_function.function_name = "nosuch";
    CHECK(f.registry.list(by_function).items.empty());

    ListMappingsRequest page;
    page.max_items = 2;
    MappingPage first = f.registry.list(page);
    CHECK(uuids(first) == std::vector<std::string>{a.uuid, b.uuid});
    REQUIRE(first.next_marker == c.uuid);
    page.marker = first.next_marker;
    MappingPage second = f.registry.list(page);
    CHECK(uuids(second) == std::vector<std::string>{c.uuid});
    CHECK(second.next_marker.empty());
}

TEST_CASE("state transitions follow the table in event_source_mapping.hpp", "[unit][esm]") {
    using S = MappingState;
    CHECK(state_after_create(true) == S::Creating);
    CHECK(state_after_create(false) == S::Disabled);
    CHECK(state_after_update(S::Enabled, true, false) == S::Disabling);
    CHECK(state_after_update(S::Creating, true, false) == S::Disabling);
    CHECK(state_after_update(S::Disabled, false, true) == S::Enabling);
    CHECK(state_after_update(S::Disabling, false, true) == S::Enabling);
    CHECK(state_after_update(S::Disabling, false, std::nullopt) == S::Disabling);
    CHECK(state_after_update(S::Enabled, true, true) == S::Updating);
    CHECK(state_after_update(S::Enabled, true, std::nullopt) == S::Updating);
    CHECK(state_after_update(S::Disabled, false, false) == S::Updating);
    CHECK(state_after_update(S::Deleting, true, false) == S::Deleting);
    EventSourceMapping m;
    for (S transient : {S::Creating, S::Enabling, S::Updating}) {
        m.state = transient;
        m.enabled = true;
        CHECK(settled(m) == S::Enabled);
        m.enabled = false;
        CHECK(settled(m) == S::Disabled);
    }
    for (S stable : {S::Enabled, S::Disabled, S::Deleting}) {
        m.state = stable;
        CHECK(settled(m) == stable);
    }
    CHECK(parse_state("Updating") == S::Updating);
    CHECK_FALSE(parse_state("updating"));
}

TEST_CASE("mappings round-trip through their state file encoding", "[unit][esm]") {
    Fixture f;
    auto r = f.request("fn");
    r.batch_size = 7;
    r.report_batch_item_failures = true;
    r.maximum_concurrency = 3;
    r.filter_criteria = R"({"Filters":[{"Pattern":"{\"body\":{\"a\":[\"b\"]}}"}]})";
    EventSourceMapping m = f.registry.create(r);
    auto disabled = f.request("fn:$LATEST");
    disabled.enabled = false;
    EventSourceMapping d = f.registry.create(disabled);
    f.registry.remove(d.uuid);

    std::vector<EventSourceMapping> decoded = decode_mappings(encode_mappings(f.registry.all()));
    REQUIRE(decoded.size() == 2);
    CHECK(decoded[0].uuid == m.uuid);
    CHECK(decoded[0].batch_size == 7);
    CHECK(decoded[0].report_batch_item_failures);
    CHECK(decoded[0].maximum_concurrency == 3);
    CHECK(decoded[0].filter_criteria == r.filter_criteria);
    CHECK(decoded[0].last_modified == m.last_modified);
    Fixture g;
    g.registry.restore(decoded);
    REQUIRE(g.registry.all().size() == 1);  // the Deleting one is dropped
    CHECK(g.registry.get(m.uuid).state == MappingState::Creating);
    CHECK_THROWS(decode_mappings(nlohmann::json::object()));
}
