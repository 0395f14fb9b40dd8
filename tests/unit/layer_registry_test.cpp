#include "emulator/control/layer_registry.hpp"

#include <catch2/catch.hpp>

#include "control_test_util.hpp"

using namespace lemu;
using namespace lemu::control;
using namespace lemu::testing;

namespace {

const std::string kLayer = "arn:aws:lambda:us-east-1:000000000000:layer:";

PublishLayerRequest layer(std::string name,
                          std::string sha = "bGF5ZXI=", std::vector<std::string> runtimes = {}) {
    PublishLayerRequest r;
    r.layer_name = std::move(name);
    r.content.sha256 = std::move(sha);
    r.content.size = 42;
    r.compatible_runtimes = std::move(runtimes);
    return r;
}

}  // namespace

TEST_CASE("layer versions count up and are never reused", "[unit][layers]") {
    ManualClock clock;
    LayerRegistry layers(kHome, clock);
    CHECK(layers.publish(layer("tools"))->version == 1);
    CHECK(layers.publish(layer("tools"))->version == 2);
    layers.remove("tools", 1);
    layers.remove("tools", 2);
    layers.remove("tools", 2);  // idempotent
    CHECK(layers.list_versions("tools", std::nullopt, std::nullopt, "", 50).items.empty());
    CHECK(layers.publish(layer("tools"))->version == 3);
    require_error([&] { layers.get("tools", 0); }, ErrorCode::InvalidParameterValue,
                  "Layer Version Cannot be less than 1");
    require_error([&] { layers.remove("tools", -1); }, ErrorCode::InvalidParameterValue,
                  "Layer Version Cannot be less than 1");
    require_error([&] { layers.get("tools", 1); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
    require_error([&] { layers.get("nope", 1); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
    CHECK(layers.get_by_arn(kLayer + "tools:3")->version == 3);
    CHECK(layers.version_arn(*layers.get("tools", 3)) == kLayer + "tools:3");
}

TEST_CASE("listing layers and versions with filters", "[unit][layers]") {
    ManualClock clock;
    LayerRegistry layers(kHome, clock);
    layers.publish(layer("a", "x", {"python3.12"}));
    layers.publish(layer("a", "y", {"nodejs20.x"}));
    layers.publish(layer("b", "z", {"python3.12"}));
    Page<LayerVersionPtr> all = layers.list_layers(std::nullopt, std::nullopt, "", 50);
    REQUIRE(all.items.size() == 2);
    CHECK(all.items[0]->version == 2);  // newest of "a"
    Page<LayerVersionPtr> python = layers.list_layers(std::string("python3.12"), std::nullopt, "", 50);
    REQUIRE(python.items.size() == 2);
    CHECK(python.items[0]->version == 1);  // newest *matching* of "a"
    Page<LayerVersionPtr> versions = layers.list_versions("a", std::nullopt, std::nullopt, "", 1);
    REQUIRE(versions.items.size() == 1);
    CHECK(versions.items[0]->version == 2);
    Page<LayerVersionPtr> rest =
        layers.list_versions("a", std::nullopt, std::nullopt, versions.next_marker, 1);
    REQUIRE(rest.items.size() == 1);
    CHECK(rest.items[0]->version == 1);
    CHECK(rest.next_marker.empty());
}

TEST_CASE("a function's layer list is checked and pinned", "[unit][layers]") {
    ManualClock clock;
    LayerRegistry layers(kHome, clock);
    layers.publish(layer("a", "c2hhYQ=="));
    layers.publish(layer("a", "c2hhYg=="));
    layers.publish(layer("b", "c2hhYw=="));
    std::vector<LayerRef> refs = layers.resolve_for_function({kLayer + "b:1", kLayer + "a:2"});
    REQUIRE(refs.size() == 2);
    CHECK(refs[0] == LayerRef{kLayer + "b:1", "c2hhYw==", 42});
    CHECK(refs[1].code_sha256 == "c2hhYg==");
    require_error([&] { layers.resolve_for_function(std::vector<std::string>(6, kLayer + "b:1")); },
                  ErrorCode::InvalidParameterValue, "Cannot reference more than 5 layers.");
    require_error(
        [&] {
            layers.resolve_for_function({kLayer + "a:1", kLayer + "a:2", kLayer + "a:3"});
        },
        ErrorCode::InvalidParameterValue,
        "Two different versions of the same layer are not allowed to be referenced in the same function. " +
            kLayer + "a:1 and " + kLayer + "a:2 are versions of the same layer.");
    require_error([&] { layers.resolve_for_function({kLayer + "a:9"}); }, ErrorCode::InvalidParameterValue,
                  "Layer version " + kLayer + "a:9 does not exist.");
    require_error(
        [&] { layers.resolve_for_function({"arn:aws:lambda:eu-west-1:000000000000:layer:a:1"}); },
        ErrorCode::InvalidParameterValue,
        "Layers are not in the same region as the function. Layers are expected to be in region us-east-1.");
    // A deleted layer version stays usable through the pinned reference.
    layers.remove("b", 1);
    CHECK(refs[0].code_sha256 == "c2hhYw==");
    LayerSnapshot snapshot = layers.snapshot();
    LayerRegistry restored(kHome, clock);
    restored.restore(snapshot);
    CHECK(restored.publish(layer("b"))->version == 2);
    CHECK(restored.get("a", 2)->content.sha256 == "c2hhYg==");
}
