#include "emulator/control/function_registry.hpp"

#include <catch2/catch.hpp>

#include "control_test_util.hpp"

using namespace lemu;
using namespace lemu::control;
using namespace lemu::testing;

TEST_CASE("create: Pending then Active with a new RevisionId on the next read", "[unit][registry]") {
    RegistryFixture f;
    PublishedChange created = f.create("fn");
    CHECK(created.latest->state == VersionState::Pending);
    CHECK(created.latest->last_update == UpdateStatus::None);
    CHECK_FALSE(created.published);
    FunctionView view = f.registry.get_function(ref("fn"));
    CHECK(view.version->state == VersionState::Active);
    CHECK(view.version->last_update == UpdateStatus::Successful);
    CHECK(view.version->revision_id != created.latest->revision_id);
    CHECK(view.function_arn == kArn + "fn");
    CHECK(f.registry.get_function(ref("fn", "$LATEST")).function_arn == kArn + "fn:$LATEST");
    CHECK(f.registry.get_function(ref("fn")).version->revision_id == view.version->revision_id);
    require_error([&] { f.create("fn"); }, ErrorCode::ResourceConflict, "Function already exist: fn");
}

TEST_CASE("not-found messages echo the ARN as asked (facts 5, 6, 58)", "[unit][registry]") {
    RegistryFixture f;
    require_error([&] { f.registry.get_function(ref("nope")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "nope");
    require_error([&] { f.registry.get_function(ref("nope", "$LATEST")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "nope:$LATEST");
    f.create("fn");
    require_error([&] { f.registry.get_function(ref("fn", "1221")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn:1221");
    require_error([&] { f.registry.get_function(ref("fn", "aliasdoesnotexist")); },
                  ErrorCode::ResourceNotFound, "Function not found: " + kArn + "fn:aliasdoesnotexist");
    SeededRandom r(3);
    require_error([&] { f.registry.resolve(ref("nope"), r); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "nope:$LATEST");
    require_error([&] { f.registry.resolve(ref("nope", "live"), r); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "nope:live");
    require_error([&] { f.registry.resolve(ref("fn", "live"), r); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn:live");
    require_error([&] { f.registry.resolve(ref("fn", "9"), r); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn:9");
}

TEST_CASE("publish snapshots $LATEST; unchanged publish is idempotent", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    f.describe("fn", "first");
    VersionPtr v1 = f.publish("fn", "v1 description");
    CHECK(v1->version == "1");
    CHECK(v1->config.description == "v1 description");
    CHECK(v1->state == VersionState::Active);
    VersionPtr again = f.publish("fn", "ignored");
    CHECK(again == v1);
    CHECK(again->config.description == "v1 description");
    f.describe("fn", "second");
    VersionPtr v2 = f.publish("fn");
    CHECK(v2->version == "2");
    CHECK(v2->config.description == "second");
    // Published versions never change when $LATEST does.
    f.describe("fn", "third");
    CHECK(f.registry.get_function(ref("fn", "1")).version->config.description == "v1 description");
    CHECK(f.registry.get_function(ref("fn", "2")).version->config.description == "second");
}

TEST_CASE("publishing bumps $LATEST's RevisionId; the version keeps its own", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    std::string before = f.registry.get_function(ref("fn")).version->revision_id;
    VersionPtr v1 = f.publish("fn");
    std::string after = f.registry.get_function(ref("fn")).version->revision_id;
    CHECK(after != before);
    CHECK(v1->revision_id != after);
    f.alias("fn", "live", "1");
    CHECK(f.registry.get_function(ref("fn")).version->revision_id == after);  // CreateAlias does not bump it
    CHECK(f.registry.get_function(ref("fn", "1")).version->revision_id == v1->revision_id);
}

TEST_CASE("version numbers are never reused after deletes", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    for (int i = 1; i <= 3; ++i) {
        f.describe("fn", "d" + std::to_string(i));
        CHECK(f.publish("fn")->version == std::to_string(i));
    }
    f.registry.delete_function(ref("fn", "3"));
    f.registry.delete_function(ref("fn", "2"));
    f.describe("fn", "d4");
    CHECK(f.publish("fn")->version == "4");
    Page<ListedVersion> listed = f.registry.list_versions("fn", "", 50);
    std::vector<std::string> labels;
    for (auto& v : listed.items) {
        labels.push_back(v.version->version);
    }
    CHECK(labels == std::vector<std::string>{"$LATEST", "1", "4"});
    CHECK(listed.items[0].function_arn == kArn + "fn:$LATEST");
    CHECK(listed.items[2].function_arn == kArn + "fn:4");
}

TEST_CASE("the delete guard is asked for a version and, with an empty version, for the whole function",
          "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    std::vector<std::pair<std::string, std::string>> asked;
    bool refuse = true;
    f.registry.set_version_delete_guard([&](const std::string& function, const std::string& version) {
        asked.emplace_back(function, version);
        if (refuse) {
            throw AwsError(ErrorCode::ResourceConflict, "pinned");
        }
    });
    require_error([&] { f.registry.delete_function(ref("fn", "1")); }, ErrorCode::ResourceConflict, "pinned");
    require_error([&] { f.registry.delete_function(ref("fn")); }, ErrorCode::ResourceConflict, "pinned");
    CHECK(f.registry.get_function(ref("fn", "1")).version->version == "1");  // a refusal changes nothing
    refuse = false;
    f.registry.delete_function(ref("fn"));
    CHECK(asked == std::vector<std::pair<std::string, std::string>>{{"fn", "1"}, {"fn", ""}, {"fn", ""}});
    require_error([&] { f.registry.get_function(ref("fn")); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "fn");
}

TEST_CASE("an unchanged publish after the last version was deleted publishes a new number",
          "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    f.registry.delete_function(ref("fn", "1"));
    CHECK(f.publish("fn")->version == "2");
}

TEST_CASE("RevisionId and CodeSha256 preconditions", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    const std::string mismatch =
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API "
        "to "
        "retrieve the latest Revision Id";
    PublishRequest wrong_revision{"fn", std::nullopt, std::nullopt, std::string("wrong")};
    require_error([&] { f.registry.publish_version(wrong_revision); }, ErrorCode::PreconditionFailed,
                  mismatch);
    PublishRequest wrong_sha{"fn", std::string("abc"), std::nullopt, std::nullopt};
    require_error(
        [&] { f.registry.publish_version(wrong_sha); }, ErrorCode::InvalidParameterValue,
        "CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST (c2hhMQ==). Please try again with "
        "the CodeSHA256 in $LATEST.");
    CHECK(f.registry.list_versions("fn", "", 50).items.size() == 1);  // nothing published
    std::string current = f.registry.get_function(ref("fn")).version->revision_id;
    PublishRequest right{"fn", std::string("c2hhMQ=="), std::nullopt, current};
    CHECK(f.registry.publish_version(right)->version == "1");

    UpdateConfigRequest stale;
    stale.name = "fn";
    stale.revision_id = current;  // publishing changed it
    stale.patch.timeout_seconds = 9;
    require_error([&] { f.registry.update_configuration(stale); }, ErrorCode::PreconditionFailed, mismatch);
    CHECK(f.registry.get_function(ref("fn")).version->config.timeout_seconds == 3);

    UpdateCodeRequest code;
    code.name = "fn";
    code.code.sha256 = "c2hhMg==";
    code.revision_id = "nope";
    require_error([&] { f.registry.update_code(code); }, ErrorCode::PreconditionFailed, mismatch);
}

TEST_CASE("updates are InProgress, then Successful with another RevisionId", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    std::string active = f.registry.get_function(ref("fn")).version->revision_id;
    VersionPtr updated = f.describe("fn", "x");
    CHECK(updated->last_update == UpdateStatus::InProgress);
    CHECK(updated->revision_id != active);
    VersionPtr settled = f.registry.get_function(ref("fn")).version;
    CHECK(settled->last_update == UpdateStatus::Successful);
    CHECK(settled->revision_id != updated->revision_id);
}

TEST_CASE("UpdateFunctionCode with Publish returns the new Pending version; DryRun changes nothing",
          "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    UpdateCodeRequest dry;
    dry.name = "fn";
    dry.code.sha256 = "c2hhMg==";
    dry.dry_run = true;
    CHECK(f.registry.update_code(dry).latest->code.sha256 == "c2hhMg==");
    CHECK(f.registry.get_function(ref("fn")).version->code.sha256 == "c2hhMQ==");
    UpdateCodeRequest publish = dry;
    publish.dry_run = false;
    publish.publish = true;
    PublishedChange change = f.registry.update_code(publish);
    REQUIRE(change.published);
    CHECK(change.published->version == "1");
    CHECK(change.published->state == VersionState::Pending);
    CHECK(change.published->code.sha256 == "c2hhMg==");
    VersionPtr v1 = f.registry.get_function(ref("fn", "1")).version;
    CHECK(v1->state == VersionState::Active);
    CHECK(v1->revision_id == change.published->revision_id);
}

TEST_CASE("CreateFunction with Publish creates version 1 and an immediate publish returns it",
          "[unit][registry]") {
    RegistryFixture f;
    PublishedChange created = f.create("fn", true);
    REQUIRE(created.published);
    CHECK(created.published->version == "1");
    CHECK(f.publish("fn")->version == "1");
}

TEST_CASE("resolve: unqualified, $LATEST, number and weighted alias", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    f.describe("fn", "two");
    f.publish("fn");
    f.alias("fn", "live", "1", std::map<std::uint64_t, double>{{2, 0.5}});
    SeededRandom random(9);
    Resolved plain = f.registry.resolve(ref("fn"), random);
    CHECK(plain.executed_version == "$LATEST");
    CHECK(plain.invoked_arn == kArn + "fn");
    CHECK(plain.policy_key.empty());
    Resolved latest = f.registry.resolve(ref("fn", "$LATEST"), random);
    CHECK(latest.invoked_arn == kArn + "fn:$LATEST");
    CHECK(latest.policy_key == "$LATEST");
    Resolved v2 = f.registry.resolve(ref("fn", "2"), random);
    CHECK(v2.executed_version == "2");
    CHECK(v2.version->config.description == "two");
    CHECK(v2.policy_key == "2");
    int ones = 0;
    int twos = 0;
    for (int i = 0; i < 200; ++i) {
        Resolved r = f.registry.resolve(ref("fn", "live"), random);
        CHECK(r.invoked_arn == kArn + "fn:live");
        CHECK(r.policy_key == "live");
        CHECK(r.alias == "live");
        (r.executed_version == "1" ? ones : twos) += 1;
    }
    CHECK(ones > 50);
    CHECK(twos > 50);
    CHECK(ones + twos == 200);
}

TEST_CASE("GetFunction through an alias shows the alias ARN and the primary version", "[unit][registry]") {
    RegistryFixture f;
    f.create("fn");
    VersionPtr v1 = f.publish("fn");
    f.describe("fn", "two");
    f.publish("fn");
    f.alias("fn", "live", "1", std::map<std::uint64_t, double>{{2, 0.9}});
    FunctionView view = f.registry.get_function(ref("fn", "live"));
    CHECK(view.function_arn == kArn + "fn:live");
    CHECK(view.version->version == "1");
    CHECK(view.version->revision_id == v1->revision_id);
}

TEST_CASE("reserved concurrency leaves 100 unreserved, or the whole account limit when it is lower",
          "[unit][registry]") {
    RegistryFixture f;
    f.create("a");
    f.create("b");
    CHECK(f.registry.usage().account_concurrency == kDefaultAccountConcurrency);
    CHECK(f.registry.put_concurrency(ref("a"), 900) == 900);
    require_error([&] { f.registry.put_concurrency(ref("b"), 1); }, ErrorCode::InvalidParameterValue,
                  "Specified ReservedConcurrentExecutions for function decreases account's "
                  "UnreservedConcurrentExecution below its minimum value of [100].");
    f.registry.delete_concurrency(ref("a"));

    f.registry.set_account_concurrency(50);
    CHECK(f.registry.usage().account_concurrency == 50);
    require_error([&] { f.registry.put_concurrency(ref("a"), 1); }, ErrorCode::InvalidParameterValue,
                  "Specified ReservedConcurrentExecutions for function decreases account's "
                  "UnreservedConcurrentExecution below its minimum value of [50].");
    CHECK(f.registry.put_concurrency(ref("a"), 0) == 0);  // reserving nothing is always allowed
}

TEST_CASE("DurableConfig can be changed on a durable function but not added to a plain one", "[unit][registry]") {
    RegistryFixture f;
    f.create("plain");
    UpdateConfigRequest add;
    add.name = "plain";
    add.patch.durable = DurableConfig{60, std::nullopt};
    require_error([&] { f.registry.update_configuration(add); }, ErrorCode::InvalidParameterValue,
                  "DurableConfig can only be set when the function is created; function plain was created without it.");
    CHECK_FALSE(f.registry.get_function(ref("plain")).version->config.durable);

    CreateFunctionRequest durable;
    durable.name = "durable";
    durable.config.runtime = "nodejs20.x";
    durable.config.handler = "index.handler";
    durable.config.role = kRole;
    durable.config.durable = DurableConfig{600, 3};
    durable.code.sha256 = "c2hhMQ==";
    f.registry.create_function(std::move(durable));
    UpdateConfigRequest change;
    change.name = "durable";
    change.patch.durable = DurableConfig{30, 3};
    CHECK(f.registry.update_configuration(change)->config.durable == DurableConfig{30, 3});
}
