#include <catch2/catch.hpp>

#include "control_test_util.hpp"
#include "emulator/control/permission_checker.hpp"

using namespace lemu;
using namespace lemu::control;
using namespace lemu::testing;

namespace {

AddPermissionRequest s3_permission(FunctionRef target, std::string sid = "s3",
                                   std::optional<std::string> revision = std::nullopt) {
    AddPermissionRequest r;
    r.target = std::move(target);
    r.statement.sid = std::move(sid);
    r.statement.principal = *principal_from_text("s3.amazonaws.com");
    r.statement.action = "lambda:InvokeFunction";
    r.statement.conditions = {{"ArnLike", "AWS:SourceArn", "arn:aws:s3:::bucket"}};
    r.revision_id = std::move(revision);
    return r;
}

const std::string kPolicyMismatch =
    "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the "
    "latest "
    "Revision Id";

}  // namespace

TEST_CASE("policies live per qualifier and are never inherited", "[unit][policy]") {
    RegistryFixture f;
    f.create("fn");
    Statement added = f.registry.add_permission(s3_permission(ref("fn")));
    CHECK(added.resource == kArn + "fn");
    std::string unqualified_revision = f.registry.get_policy(ref("fn")).revision_id;
    f.publish("fn");
    CHECK(f.registry.get_policy(ref("fn")).revision_id == unqualified_revision);  // publish does not touch it
    require_error([&] { f.registry.get_policy(ref("fn", "1")); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
    f.alias("fn", "live", "1");
    require_error([&] { f.registry.get_policy(ref("fn", "live")); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");

    // The same Sid coexists on the function, a version and an alias.
    CHECK(f.registry.add_permission(s3_permission(ref("fn", "1"))).resource == kArn + "fn:1");
    CHECK(f.registry.add_permission(s3_permission(ref("fn", "live"))).resource == kArn + "fn:live");
    CHECK(f.registry.get_policy(ref("fn", "1")).statements.size() == 1);
    CHECK(f.registry.get_policy(ref("fn")).statements.size() == 1);
    require_error(
        [&] { f.registry.add_permission(s3_permission(ref("fn", "1"))); }, ErrorCode::ResourceConflict,
        "The statement id (s3) provided already exists. Please provide a new statement id, or remove the "
        "existing statement.");

    // The checker sees exactly the policy of the qualifier invoked.
    AccessRequest s3;
    s3.principal = "s3.amazonaws.com";
    s3.source_arn = "arn:aws:s3:::bucket";
    PolicyPtr on_v1 = f.registry.policy_for("fn", "1");
    CHECK(PermissionChecker::check(on_v1.get(), s3, kArn + "fn:1").allowed);
    CHECK_FALSE(f.registry.policy_for("fn", "2"));
    CHECK_FALSE(f.registry.policy_for("fn", "$LATEST"));
}

TEST_CASE("AddPermission target and precondition errors (facts 66-68)", "[unit][policy]") {
    RegistryFixture f;
    require_error([&] { f.registry.add_permission(s3_permission(ref("fn", "$LATEST"))); },
                  ErrorCode::InvalidParameterValue,
                  "We currently do not support adding policies for $LATEST.");
    require_error([&] { f.registry.add_permission(s3_permission(ref("doesnotexist"))); },
                  ErrorCode::ResourceNotFound, "Function not found: " + kArn + "doesnotexist");
    f.create("fn");
    require_error([&] { f.registry.add_permission(s3_permission(ref("fn", "alias-doesnotexist"))); },
                  ErrorCode::ResourceNotFound, "Cannot find alias arn: " + kArn + "fn:alias-doesnotexist");
    require_error([&] { f.registry.add_permission(s3_permission(ref("fn", "42"))); },
                  ErrorCode::ResourceNotFound, "Function not found: " + kArn + "fn:42");
    require_error(
        [&] { f.registry.add_permission(s3_permission(ref("fn", "valid-with-$-but-doesnotexist"))); },
        ErrorCode::ResourceNotFound, "Function not found: " + kArn + "fn:valid-with-$-but-doesnotexist");
    require_error([&] { f.registry.add_permission(s3_permission(ref("fn"), "s3", std::string("wrong"))); },
                  ErrorCode::PreconditionFailed, kPolicyMismatch);
    // An empty policy compares against the target's own revision (§6.9).
    std::string latest_revision = f.registry.get_function(ref("fn")).version->revision_id;
    f.registry.add_permission(s3_permission(ref("fn"), "s3", latest_revision));
    std::string policy_revision = f.registry.get_policy(ref("fn")).revision_id;
    CHECK(policy_revision != latest_revision);
    require_error([&] { f.registry.add_permission(s3_permission(ref("fn"), "s3b", latest_revision)); },
                  ErrorCode::PreconditionFailed, kPolicyMismatch);
    f.registry.add_permission(s3_permission(ref("fn"), "s3b", policy_revision));
    Policy policy = f.registry.get_policy(ref("fn"));
    CHECK(policy.statements.size() == 2);
    CHECK(policy.revision_id != policy_revision);
}

TEST_CASE("RemovePermission errors and last-statement removal (fact 70)", "[unit][policy]") {
    RegistryFixture f;
    require_error([&] { f.registry.remove_permission(ref("doesnotexist"), "s3", std::nullopt); },
                  ErrorCode::ResourceNotFound, "No policy found for: " + kArn + "doesnotexist");
    f.create("fn");
    require_error([&] { f.registry.remove_permission(ref("fn"), "s3", std::nullopt); },
                  ErrorCode::ResourceNotFound, "No policy is associated with the given resource.");
    require_error([&] { f.registry.remove_permission(ref("fn", "alias-doesnotexist"), "s3", std::nullopt); },
                  ErrorCode::ResourceNotFound, "Cannot find alias arn: " + kArn + "fn:alias-doesnotexist");
    f.registry.add_permission(s3_permission(ref("fn"), "s3"));
    f.registry.add_permission(s3_permission(ref("fn"), "sqs"));
    require_error([&] { f.registry.remove_permission(ref("fn"), "non-existent", std::nullopt); },
                  ErrorCode::ResourceNotFound, "Statement non-existent is not found in resource policy.");
    require_error([&] { f.registry.remove_permission(ref("fn"), "s3", std::string("old")); },
                  ErrorCode::PreconditionFailed, kPolicyMismatch);
    f.registry.remove_permission(ref("fn"), "sqs", f.registry.get_policy(ref("fn")).revision_id);
    CHECK(f.registry.get_policy(ref("fn")).statements.size() == 1);
    f.registry.remove_permission(ref("fn"), "s3", std::nullopt);
    require_error([&] { f.registry.get_policy(ref("fn")); }, ErrorCode::ResourceNotFound,
                  "The resource you requested does not exist.");
}

TEST_CASE("deleting a version or alias drops its policy", "[unit][policy]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    f.alias("fn", "live", "1");
    f.registry.add_permission(s3_permission(ref("fn", "live")));
    f.registry.delete_alias("fn", "live");
    f.alias("fn", "live", "1");
    CHECK_FALSE(f.registry.policy_for("fn", "live"));
    f.registry.delete_alias("fn", "live");
    f.registry.add_permission(s3_permission(ref("fn", "1")));
    f.registry.delete_function(ref("fn", "1"));
    CHECK_FALSE(f.registry.policy_for("fn", "1"));
}

TEST_CASE("reserved concurrency, tags and async-invoke configs", "[unit][settings]") {
    RegistryFixture f;
    const std::string qualified_only =
        "This operation is permitted on Lambda functions only. Aliases and versions do not support this "
        "operation. "
        "Please specify either a function name or an unqualified function ARN.";
    require_error([&] { f.registry.put_concurrency(ref("fn", "1"), 5); }, ErrorCode::InvalidParameterValue,
                  qualified_only);
    require_error([&] { f.registry.put_concurrency(ref("doesnotexist"), 5); }, ErrorCode::ResourceNotFound,
                  "Function not found: " + kArn + "doesnotexist:$LATEST");
    f.create("fn");
    f.create("other");
    CHECK(f.registry.put_concurrency(ref("fn"), 800) == 800);
    require_error([&] { f.registry.put_concurrency(ref("other"), 101); }, ErrorCode::InvalidParameterValue,
                  "Specified ReservedConcurrentExecutions for function decreases account's "
                  "UnreservedConcurrentExecution "
                  "below its minimum value of [100].");
    CHECK(f.registry.get_concurrency(ref("fn")) == 800);
    f.registry.delete_concurrency(ref("fn"));
    CHECK_FALSE(f.registry.get_concurrency(ref("fn")));

    f.registry.tag(ref("fn"), {{"A", "a"}, {"B", "b"}});
    f.registry.untag(ref("fn"), {"A", "missing"});
    CHECK(f.registry.list_tags(ref("fn")) == std::map<std::string, std::string>{{"B", "b"}});
    require_error(
        [&] {
            f.registry.tag(ref("fn", "1"), {{"A", "a"}});
        },
        ErrorCode::InvalidParameterValue,
        "Tags on function aliases and versions are not supported. Please specify a function ARN.");

    EventInvokeConfigPatch patch;
    require_error([&] { f.registry.put_event_invoke_config(ref("fn"), patch); },
                  ErrorCode::InvalidParameterValue,
                  "You must specify at least one of error handling or destination setting.");
    require_error([&] { f.registry.get_event_invoke_config(ref("fn")); }, ErrorCode::ResourceNotFound,
                  "The function " + kArn + "fn:$LATEST doesn't have an EventInvokeConfig");
    patch.maximum_retry_attempts = 1;
    f.registry.put_event_invoke_config(ref("fn"), patch);
    EventInvokeConfigPatch update;
    update.maximum_event_age_seconds = 60;
    EventInvokeConfig merged = f.registry.update_event_invoke_config(ref("fn", "$LATEST"), update);
    CHECK(merged.maximum_retry_attempts == 1);
    CHECK(merged.maximum_event_age_seconds == 60);
    EventInvokeConfig replaced = f.registry.put_event_invoke_config(ref("fn"), update);
    CHECK_FALSE(replaced.maximum_retry_attempts);
    EventInvokeConfigPatch self;
    self.on_success_destination = kArn + "fn";
    require_error([&] { f.registry.put_event_invoke_config(ref("fn"), self); },
                  ErrorCode::InvalidParameterValue,
                  "You can't specify the function as a destination for itself.");
    self.on_success_destination = kArn + "doesnotexist";
    require_error([&] { f.registry.put_event_invoke_config(ref("fn"), self); },
                  ErrorCode::InvalidParameterValue,
                  "The destination ARN " + kArn + "doesnotexist is invalid.");
    self.on_success_destination = kArn + "other";
    CHECK(f.registry.put_event_invoke_config(ref("fn"), self).on_success_destination == kArn + "other");
    require_error([&] { f.registry.put_event_invoke_config(ref("fn", "1"), patch); },
                  ErrorCode::ResourceNotFound, "The function doesn't exist.");
    f.publish("fn");
    f.registry.put_event_invoke_config(ref("fn", "1"), patch);
    Page<std::pair<std::string, EventInvokeConfig>> listed =
        f.registry.list_event_invoke_configs("fn", "", 50);
    REQUIRE(listed.items.size() == 2);
    CHECK(listed.items[0].first == "$LATEST");
    CHECK(listed.items[1].first == "1");
    f.registry.delete_event_invoke_config(ref("fn"));
    require_error([&] { f.registry.delete_event_invoke_config(ref("fn")); }, ErrorCode::ResourceNotFound,
                  "The function " + kArn + "fn:$LATEST doesn't have an EventInvokeConfig");
}

TEST_CASE("snapshot and restore round-trip the registry", "[unit][snapshot]") {
    RegistryFixture f;
    f.create("fn");
    f.publish("fn");
    f.describe("fn", "two");
    f.publish("fn");
    f.registry.delete_function(ref("fn", "1"));
    f.alias("fn", "live", "2");
    f.registry.add_permission(s3_permission(ref("fn", "live")));
    f.registry.put_concurrency(ref("fn"), 3);
    RegistrySnapshot snapshot = f.registry.snapshot();

    ManualClock clock;
    SeededRandom random(5);
    FunctionRegistry restored(kHome, clock, random);
    restored.restore(snapshot);
    CHECK(restored.get_alias("fn", "live")->function_version == "2");
    CHECK(restored.get_policy(ref("fn", "live")).statements.at(0).resource == kArn + "fn:live");
    CHECK(restored.get_concurrency(ref("fn")) == 3);
    CHECK_THROWS(restored.get_function(ref("fn", "1")));
    UpdateConfigRequest update;
    update.name = "fn";
    update.patch.description = "three";
    restored.update_configuration(update);
    PublishRequest publish;
    publish.name = "fn";
    CHECK(restored.publish_version(publish)->version == "3");
}
