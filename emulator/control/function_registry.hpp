#pragma once
// All functions of one account and region: $LATEST, immutable published versions, aliases with weighted
// routing, per-qualifier resource policies, reserved concurrency, tags and async-invoke configs.
//
// Thread-safe with one mutex; critical sections copy pointers and small values only. Every precondition
// (RevisionId, CodeSha256, existence, alias rules) is checked and every RevisionId bumped under that
// lock, so concurrent callers never observe a half-applied change. Failed calls never change state.
// Errors are AwsError with AWS's exact codes and messages (control-plane.md §3, §4).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/control/alias.hpp"
#include "emulator/control/event_invoke_config.hpp"
#include "emulator/control/function_config.hpp"
#include "emulator/control/policy.hpp"
#include "emulator/control/registry_observer.hpp"
#include "emulator/control/registry_snapshot.hpp"
#include "emulator/control/version.hpp"
#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/function_ref.hpp"
#include "emulator/core/random.hpp"

namespace lemu::control {

inline constexpr std::size_t kMaxPageSize = 50;
inline constexpr int kDefaultAccountConcurrency = 1000;  // AWS's default account limit
inline constexpr int kMinUnreservedConcurrency = 100;     // or the whole limit, when it is lower

// What an invocation runs (DESIGN.md §6).
struct Resolved {
    VersionPtr version;
    std::string invoked_arn;       // the ARN as invoked: unqualified, ...:7, ...:live, ...:$LATEST
    std::string executed_version;  // "$LATEST" or "7"
    std::string policy_key;        // the qualifier as invoked: "", "7", "live", "$LATEST"
    std::string alias;             // the alias invoked through, if any
    std::optional<int> reserved_concurrency;
};

// GetFunction / GetFunctionConfiguration.
struct FunctionView {
    VersionPtr version;
    std::string function_arn;  // as asked: unqualified, $LATEST, version or alias ARN (fact 8)
    std::map<std::string, std::string> tags;
    std::optional<int> reserved_concurrency;
};

struct ListedVersion {
    VersionPtr version;
    std::string function_arn;
};

template <class T>
struct Page {
    std::vector<T> items;
    std::string next_marker;  // empty: last page
};

struct CreateFunctionRequest {
    std::string name;
    FunctionConfig config;
    CodeInfo code;
    bool publish = false;
    std::map<std::string, std::string> tags;
};

struct UpdateCodeRequest {
    std::string name;
    CodeInfo code;
    std::optional<std::string> architecture;
    std::optional<std::string> revision_id;
    bool publish = false;
    bool dry_run = false;
};

struct UpdateConfigRequest {
    std::string name;
    FunctionConfigPatch patch;
    std::optional<std::string> revision_id;
};

struct PublishRequest {
    std::string name;
    std::optional<std::string> code_sha256;
    std::optional<std::string> description;
    std::optional<std::string> revision_id;
};

// $LATEST after a change, plus the version it published (Publish=true), if any.
struct PublishedChange {
    VersionPtr latest;
    VersionPtr published;
};

struct AliasRequest {
    std::string function;
    std::string name;
    std::optional<std::string> function_version;  // required on create
    std::optional<std::string> description;
    // AdditionalVersionWeights, already checked for key pattern and [0,1] weights; empty map clears.
    std::optional<std::map<std::uint64_t, double>> weights;
    std::optional<std::string> revision_id;
};

struct AddPermissionRequest {
    FunctionRef target;
    Statement statement;  // sid, principal, action, conditions; resource is filled in by the registry
    std::optional<std::string> revision_id;
};

struct PolicyView {
    Policy policy;
};

struct AccountUsage {
    int account_concurrency = kDefaultAccountConcurrency;  // the limit
    std::size_t function_count = 0;
    std::uint64_t total_code_size = 0;
    int reserved_concurrency = 0;
};

class FunctionRegistry {
  public:
    FunctionRegistry(AccountRegion home, Clock& clock, Random& random);
    ~FunctionRegistry();
    FunctionRegistry(const FunctionRegistry&) = delete;
    FunctionRegistry& operator=(const FunctionRegistry&) = delete;

    const AccountRegion& home() const { return home_; }

    // Functions and versions.
    PublishedChange create_function(CreateFunctionRequest request);
    FunctionView get_function(const FunctionRef& ref);
    PublishedChange update_code(UpdateCodeRequest request);
    VersionPtr update_configuration(UpdateConfigRequest request);
    void delete_function(const FunctionRef& ref);
    Page<ListedVersion> list_functions(bool all_versions, const std::string& marker, std::size_t max_items);
    VersionPtr publish_version(PublishRequest request);
    Page<ListedVersion> list_versions(const std::string& function, const std::string& marker,
                                      std::size_t max_items);

    // Invocation: unqualified -> $LATEST, number -> that version, alias -> primary, then the weighted pick
    // with random.uniform01(). Not-found messages per facts 6 and 58.
    Resolved resolve(const FunctionRef& ref, Random& random);
    // The policy attached to exactly that qualifier ("", "7", "live"); null when none.
    PolicyPtr policy_for(const std::string& function, const std::string& policy_key);

    // Aliases.
    AliasPtr create_alias(AliasRequest request);
    AliasPtr get_alias(const std::string& function, const std::string& name);
    AliasPtr update_alias(AliasRequest request);
    void delete_alias(const std::string& function, const std::string& name);
    Page<AliasPtr> list_aliases(const std::string& function,
                                const std::optional<std::string>& function_version, const std::string& marker,
                                std::size_t max_items);

    // Resource policies, one per qualifier.
    Statement add_permission(AddPermissionRequest request);
    void remove_permission(const FunctionRef& target, const std::string& sid,
                           const std::optional<std::string>& revision_id);
    Policy get_policy(const FunctionRef& target);

    // Function-level settings.
    int put_concurrency(const FunctionRef& ref, int reserved);
    std::optional<int> get_concurrency(const FunctionRef& ref);
    void delete_concurrency(const FunctionRef& ref);
    void tag(const FunctionRef& ref, const std::map<std::string, std::string>& tags);
    void untag(const FunctionRef& ref, const std::vector<std::string>& keys);
    std::map<std::string, std::string> list_tags(const FunctionRef& ref);

    // Asynchronous-invoke configs, one per qualifier (no qualifier means $LATEST).
    EventInvokeConfig put_event_invoke_config(const FunctionRef& ref, const EventInvokeConfigPatch& config);
    EventInvokeConfig update_event_invoke_config(const FunctionRef& ref, const EventInvokeConfigPatch& patch);
    EventInvokeConfig get_event_invoke_config(const FunctionRef& ref);
    void delete_event_invoke_config(const FunctionRef& ref);
    Page<std::pair<std::string, EventInvokeConfig>> list_event_invoke_configs(const std::string& function,
                                                                              const std::string& marker,
                                                                              std::size_t max_items);

    AccountUsage usage();

    RegistrySnapshot snapshot();
    void restore(const RegistrySnapshot& snapshot);

    // Observers must outlive the registry.
    void add_observer(RegistryObserver& observer);
    // Called after every change to the state (outside the lock), e.g. to persist it.
    void set_change_listener(std::function<void()> listener);
    // The account's concurrent-execution limit (GetAccountSettings, PutFunctionConcurrency's check);
    // the engine enforces the same number.
    void set_account_concurrency(int limit);
    // Asked before a published version is deleted (`version` = its number) and before the whole function
    // is deleted (`version` empty); throws AwsError to refuse (durable executions pinned to it). Runs
    // outside the registry lock.
    void set_version_delete_guard(std::function<void(const std::string& function, const std::string& version)> guard);

    struct FunctionState;  // defined in function_state.hpp, shared by the registry's .cpp files
    struct Notices;        // observer events and the "state changed" flag gathered under the lock

  private:
    FunctionState* find(std::string_view name);
    // The function, or ResourceNotFoundException naming its unqualified ARN.
    FunctionState& existing(std::string_view name);
    // PreconditionFailedException when `revision_id` is given and is not $LATEST's.
    static void check_latest_revision(const FunctionState& fn, const std::optional<std::string>& revision_id);
    bool settle(FunctionState& fn);
    VersionPtr publish_locked(FunctionState& fn, const std::optional<std::string>& description, bool pending);
    RoutingConfig validate_routing(const FunctionState& fn, const std::string& function,
                                   const std::string& primary,
                                   const std::map<std::uint64_t, double>& weights) const;
    void validate_destination(const std::string& function, const std::string& destination,
                              const EventInvokeConfigPatch& config) const;
    Page<ListedVersion> with_arns(Page<VersionPtr> page, bool qualified) const;
    std::string new_revision();
    std::string arn(std::string_view function) const;
    std::string arn(std::string_view function, std::string_view qualifier) const;
    void commit(Notices& notices);

    AccountRegion home_;
    Clock& clock_;
    Random& random_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<FunctionState>, std::less<>> functions_;
    std::vector<RegistryObserver*> observers_;
    std::function<void()> change_listener_;
    int account_concurrency_ = kDefaultAccountConcurrency;
    std::function<void(const std::string&, const std::string&)> version_delete_guard_;
};

}  // namespace lemu::control
