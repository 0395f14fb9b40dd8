#include "emulator/app/state_store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "control_test_util.hpp"
#include "emulator/control/permission_checker.hpp"

using namespace lemu;
using namespace lemu::control;
using namespace lemu::testing;
namespace fs = std::filesystem;

namespace {

void populate(RegistryFixture& f, LayerRegistry& layers) {
    PublishLayerRequest layer;
    layer.layer_name = "tools";
    layer.content = {"bGF5ZXI=", 42, ""};
    layer.compatible_runtimes = {"provided.al2023"};
    layer.license_info = "MIT";
    layers.publish(layer);
    layers.publish(layer);
    layers.remove("tools", 2);

    CreateFunctionRequest create;
    create.name = "fn";
    create.config.runtime = "provided.al2023";
    create.config.handler = "bootstrap";
    create.config.role = kRole;
    create.config.environment = std::map<std::string, std::string>{{"MODE", "x"}};
    create.config.layers =
        layers.resolve_for_function({"arn:aws:lambda:us-east-1:000000000000:layer:tools:1"});
    create.config.vpc_config = nlohmann::json{{"SubnetIds", {"subnet-1"}}};
    create.config.durable = DurableConfig{600, 7};
    create.code = {"c2hhMQ==", 10, ""};
    create.tags = {{"team", "a"}};
    f.registry.create_function(create);
    f.publish("fn");
    f.describe("fn", "two");
    f.publish("fn");
    f.describe("fn", "three");
    f.publish("fn");
    f.registry.delete_function(ref("fn", "1"));
    f.alias("fn", "live", "2", std::map<std::uint64_t, double>{{3, 0.25}});
    AddPermissionRequest permission;
    permission.target = ref("fn", "live");
    permission.statement.sid = "s3";
    permission.statement.principal = *principal_from_text("s3.amazonaws.com");
    permission.statement.action = "lambda:InvokeFunction";
    permission.statement.conditions = {{"ArnLike", "AWS:SourceArn", "arn:aws:s3:::bucket"}};
    f.registry.add_permission(permission);
    f.registry.put_concurrency(ref("fn"), 7);
    EventInvokeConfigPatch async;
    async.maximum_retry_attempts = 1;
    f.registry.put_event_invoke_config(ref("fn", "2"), async);
    f.create("other");
}

struct TempDir {
    fs::path path =
        fs::temp_directory_path() / ("lemu-state-" + random_hex(*std::make_unique<SystemRandom>(), 12));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("state JSON round-trips every part of the control plane", "[unit][state]") {
    RegistryFixture f;
    LayerRegistry layers(kHome, f.clock);
    populate(f, layers);
    ControlState original{f.registry.snapshot(), layers.snapshot()};
    nlohmann::json encoded = encode_state(original);
    ControlState decoded = decode_state(nlohmann::json::parse(encoded.dump()));
    CHECK(encode_state(decoded) == encoded);

    ManualClock clock;
    SeededRandom random(11);
    FunctionRegistry restored(kHome, clock, random);
    LayerRegistry restored_layers(kHome, clock);
    restored.restore(decoded.functions);
    restored_layers.restore(decoded.layers);
    CHECK(encode_state(ControlState{restored.snapshot(), restored_layers.snapshot()}) == encoded);

    AliasPtr live = restored.get_alias("fn", "live");
    CHECK(live->routing.additional == WeightedVersion{3, 0.25});
    CHECK(restored.get_function(ref("fn", "2")).version->config.description == "two");
    CHECK(restored.get_function(ref("fn")).version->config.durable == DurableConfig{600, 7});
    CHECK(restored.get_function(ref("fn")).version->config.vpc_config["SubnetIds"][0] == "subnet-1");
    CHECK_THROWS(restored.get_function(ref("fn", "1")));
    CHECK(restored.get_concurrency(ref("fn")) == 7);
    CHECK(restored.list_tags(ref("fn")).at("team") == "a");
    CHECK(restored.get_event_invoke_config(ref("fn", "2")).maximum_retry_attempts == 1);
    AccessRequest s3;
    s3.principal = "s3.amazonaws.com";
    s3.source_arn = "arn:aws:s3:::bucket";
    CHECK(PermissionChecker::check(restored.policy_for("fn", "live").get(), s3, kArn + "fn:live").allowed);
    CHECK(restored_layers.publish(PublishLayerRequest{"tools", "", {"eA==", 1, ""}, {}, {}, ""})->version ==
          3);
    // Numbers stay unique after the restart.
    UpdateConfigRequest update{"fn", {}, std::nullopt};
    update.patch.description = "four";
    restored.update_configuration(update);
    CHECK(restored.publish_version(PublishRequest{"fn", std::nullopt, std::nullopt, std::nullopt})->version ==
          "4");
}

TEST_CASE("StateStore saves on every change and loads it back", "[unit][state]") {
    TempDir dir;
    {
        RegistryFixture f;
        LayerRegistry layers(kHome, f.clock);
        StateStore store(dir.path, f.registry, layers);
        CHECK_FALSE(store.load());
        store.attach();
        f.create("fn");
        CHECK(fs::exists(store.state_file()));
        f.publish("fn");
        f.alias("fn", "live", "1");
    }
    // Leftovers of an interrupted write are ignored and removed.
    std::ofstream(dir.path / "state.json.tmp.1234.0") << "{ half a docu";
    RegistryFixture g;
    LayerRegistry layers(kHome, g.clock);
    StateStore store(dir.path, g.registry, layers);
    CHECK(store.load());
    CHECK(g.registry.get_alias("fn", "live")->function_version == "1");
    CHECK_FALSE(fs::exists(dir.path / "state.json.tmp.1234.0"));

    std::ofstream(store.state_file(), std::ios::trunc) << "{\"format\": 1, \"functions\": [{}]}";
    CHECK_THROWS_AS(store.load(), std::runtime_error);
    std::ofstream(store.state_file(), std::ios::trunc) << "not json";
    CHECK_THROWS_AS(store.load(), std::runtime_error);
}
