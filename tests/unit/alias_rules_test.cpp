#include <catch2/catch.hpp>

#include "control_test_util.hpp"

using namespace lemu;
using namespace lemu::control;
using namespace lemu::testing;

namespace {

struct TwoVersions : RegistryFixture {
    TwoVersions() {
        create("fn");
        publish("fn");
        describe("fn", "two");
        publish("fn");
    }
};

using Weights = std::map<std::uint64_t, double>;

}  // namespace

TEST_CASE("alias routing rules (facts 45-51)", "[unit][alias]") {
    TwoVersions f;
    require_error(
        [&] {
            f.alias("fn", "a", "1", Weights{{2, 0.1}, {3, 0.1}});
        },
        ErrorCode::InvalidParameterValue,
        "Number of items in AdditionalVersionWeights cannot be greater than 1");
    require_error(
        [&] {
            f.alias("fn", "a", "1", Weights{{1, 0.5}});
        },
        ErrorCode::InvalidParameterValue,
        "Invalid function version 1. Function version 1 is already included in routing configuration.");
    try {
        f.alias("fn", "a", "$LATEST", Weights{{2, 0.5}});
        FAIL("expected an error");
    } catch (const AwsError& e) {
        CHECK(e.message() == "$LATEST is not supported for an alias pointing to more than 1 version");
        CHECK(e.omit_type());
    }
    require_error([&] { f.alias("fn", "a", "10"); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn:10");
    require_error(
        [&] {
            f.alias("fn", "a", "1", Weights{{10, 0.5}});
        },
        ErrorCode::ResourceNotFound, "Function not found: " + kArn + "fn:10");
    require_error([&] { f.alias("fn-unknown", "a", "1"); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn-unknown:1");
    CHECK_THROWS(f.registry.get_alias("fn", "a"));  // none of the failures created it

    AliasPtr latest = f.alias("fn", "latest", "$LATEST");
    CHECK(latest->routing.empty());
    AliasPtr empty = f.alias("fn", "empty", "1", Weights{});
    CHECK(empty->routing.empty());
    AliasPtr live = f.alias("fn", "live", "1", Weights{{2, 0.2}});
    CHECK(live->routing.additional == WeightedVersion{2, 0.2});
    CHECK(live->description.empty());
    require_error([&] { f.alias("fn", "live", "1"); }, ErrorCode::ResourceConflict,
                  "Alias already exists: " + kArn + "fn:live");
}

TEST_CASE("versions with different roles cannot share an alias", "[unit][alias]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    UpdateConfigRequest role;
    role.name = "fn";
    role.patch.role = "arn:aws:iam::000000000000:role/other";
    f.registry.update_configuration(role);
    f.publish("fn");
    require_error(
        [&] {
            f.alias("fn", "a", "1", std::map<std::uint64_t, double>{{2, 0.5}});
        },
        ErrorCode::InvalidParameterValue,
        "Specified versions must be associated with the same execution role");
}

TEST_CASE("UpdateAlias: not found, revision, every update bumps, empty weights clear", "[unit][alias]") {
    TwoVersions f;
    AliasPtr live = f.alias("fn", "live", "1", Weights{{2, 0.3}});
    AliasRequest missing{"fn", "nope", std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    require_error([&] { f.registry.update_alias(missing); }, ErrorCode::ResourceNotFound,
                  "Alias not found: " + kArn + "fn:nope");
    require_error([&] { f.registry.get_alias("fn", "nope"); }, ErrorCode::ResourceNotFound,
                  "Cannot find alias arn: " + kArn + "fn:nope");
    AliasRequest stale{"fn", "live", std::nullopt, std::nullopt, std::nullopt, std::string("stale")};
    require_error(
        [&] { f.registry.update_alias(stale); }, ErrorCode::PreconditionFailed,
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API "
        "to retrieve the latest Revision Id");

    AliasRequest noop{"fn", "live", std::nullopt, std::nullopt, std::nullopt, live->revision_id};
    AliasPtr after_noop = f.registry.update_alias(noop);
    CHECK(after_noop->revision_id != live->revision_id);
    CHECK(after_noop->routing == live->routing);  // omitted RoutingConfig keeps the routing

    AliasRequest same_as_additional{"fn", "live", std::string("2"), std::nullopt, std::nullopt, std::nullopt};
    require_error(
        [&] { f.registry.update_alias(same_as_additional); }, ErrorCode::InvalidParameterValue,
        "Invalid function version 2. Function version 2 is already included in routing configuration.");

    AliasRequest move{"fn", "live", std::string("2"), std::string("moved"), Weights{}, std::nullopt};
    AliasPtr moved = f.registry.update_alias(move);
    CHECK(moved->function_version == "2");
    CHECK(moved->description == "moved");
    CHECK(moved->routing.empty());
    CHECK(f.registry.get_alias("fn", "live")->revision_id == moved->revision_id);

    AliasRequest to_latest{"fn",        "live", std::string("$LATEST"), std::nullopt, Weights{{1, 0.5}},
                           std::nullopt};
    CHECK_THROWS_AS(f.registry.update_alias(to_latest), AwsError);
}

TEST_CASE("ListAliases filters by primary version and pages", "[unit][alias]") {
    TwoVersions f;
    f.alias("fn", "a", "1");
    f.alias("fn", "b", "2");
    f.alias("fn", "c", "1", Weights{{2, 0.5}});
    Page<AliasPtr> ones = f.registry.list_aliases("fn", std::string("1"), "", 50);
    REQUIRE(ones.items.size() == 2);
    CHECK(ones.items[0]->name == "a");
    CHECK(ones.items[1]->name == "c");
    Page<AliasPtr> first = f.registry.list_aliases("fn", std::nullopt, "", 2);
    CHECK(first.items.size() == 2);
    REQUIRE_FALSE(first.next_marker.empty());
    Page<AliasPtr> second = f.registry.list_aliases("fn", std::nullopt, first.next_marker, 2);
    REQUIRE(second.items.size() == 1);
    CHECK(second.items[0]->name == "c");
    CHECK(second.next_marker.empty());
}

TEST_CASE("DeleteFunction rules (facts 13-17, §6.1)", "[unit][delete]") {
    TwoVersions f;
    require_error([&] { f.registry.delete_function(ref("nope", "$LATEST")); },
                  ErrorCode::InvalidParameterValue,
                  "$LATEST version cannot be deleted without deleting the function.");
    require_error([&] { f.registry.delete_function(ref("nope", "live")); }, ErrorCode::InvalidParameterValue,
                  "Deletion of aliases is not currently supported.");
    require_error([&] { f.registry.delete_function(ref("nope", "1")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "nope");
    f.registry.delete_function(ref("fn", "99"));  // silent success
    f.alias("fn", "b", "1");
    f.alias("fn", "a", "1", std::map<std::uint64_t, double>{{2, 0.5}});
    require_error([&] { f.registry.delete_function(ref("fn", "1")); }, ErrorCode::ResourceConflict,
                  "Unable to delete version because the following aliases reference it: [a, b]");
    // Only an additional routing target: still protected.
    require_error([&] { f.registry.delete_function(ref("fn", "2")); }, ErrorCode::ResourceConflict,
                  "Unable to delete version because the following aliases reference it: [a]");
    f.registry.delete_alias("fn", "a");
    f.registry.delete_alias("fn", "a");  // missing alias: silent
    f.registry.delete_function(ref("fn", "2"));
    CHECK_THROWS(f.registry.get_function(ref("fn", "2")));
    f.registry.delete_function(ref("fn"));
    require_error([&] { f.registry.get_function(ref("fn")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn");
    require_error([&] { f.registry.delete_function(ref("fn")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn");
}

TEST_CASE("observers hear about deleted functions, versions and aliases", "[unit][delete]") {
    struct Recorder : RegistryObserver {
        std::vector<std::string> events;
        void on_function_deleted(const std::string& fn) override { events.push_back("function " + fn); }
        void on_version_deleted(const std::string& fn, std::uint64_t v) override {
            events.push_back("version " + fn + ":" + std::to_string(v));
        }
        void on_alias_deleted(const std::string& fn, const std::string& a) override {
            events.push_back("alias " + fn + ":" + a);
        }
    } recorder;
    TwoVersions f;
    f.registry.add_observer(recorder);
    int changes = 0;
    f.registry.set_change_listener([&] { ++changes; });
    f.alias("fn", "live", "1");
    f.registry.delete_alias("fn", "live");
    f.registry.delete_function(ref("fn", "2"));
    f.registry.delete_function(ref("fn"));
    CHECK(recorder.events == std::vector<std::string>{"alias fn:live", "version fn:2", "function fn"});
    CHECK(changes == 4);
    CHECK_THROWS(f.registry.delete_function(ref("fn")));
    CHECK(changes == 4);
}

TEST_CASE("version numbering restarts for a re-created function (§6.5)", "[unit][delete]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    f.registry.delete_function(ref("fn"));
    f.create("fn");
    CHECK(f.publish("fn")->version == "1");
}
