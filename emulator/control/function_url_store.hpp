#pragma once
// Every function URL config of one account and region (control-plane.md facts 79-82), looked up by
// (function, qualifier) for the Lambda API and by URL id for the data plane.
//
// It observes the FunctionRegistry: deleting an alias deletes that alias's URL, deleting the function
// deletes all of its URLs (fact 81). A deleted URL id is remembered (bounded) so that the data plane
// can answer it the way AWS answers a URL whose config is gone, and say why in the denial log.
//
// Errors are AwsError with AWS's texts; failed calls change nothing. Thread-safe: one mutex, never
// held while the registry is asked (existence checks run before the lock), so observer callbacks
// from the registry cannot deadlock with it.

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_url.hpp"
#include "emulator/control/registry_observer.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"

namespace lemu::control {

struct FunctionUrlSettings {
    UrlAuthType auth_type = UrlAuthType::None;
    std::optional<UrlCors> cors;
    std::optional<UrlInvokeMode> invoke_mode;
};

// UpdateFunctionUrlConfig: absent members keep their value.
struct FunctionUrlPatch {
    std::optional<UrlAuthType> auth_type;
    std::optional<UrlCors> cors;
    std::optional<UrlInvokeMode> invoke_mode;
};

// Why a URL id no longer answers.
struct DeletedFunctionUrl {
    std::string function_arn;  // what it used to invoke
    std::string reason;        // "DeleteFunctionUrlConfig", "alias live was deleted", ...
};

class FunctionUrlStore final : public RegistryObserver {
  public:
    // Registers itself as an observer of `functions`; both must outlive each other's use (wire()).
    FunctionUrlStore(FunctionRegistry& functions, Clock& clock, Random& random);
    FunctionUrlStore(const FunctionUrlStore&) = delete;
    FunctionUrlStore& operator=(const FunctionUrlStore&) = delete;

    const AccountRegion& home() const { return functions_.home(); }

    // `qualifier` is an alias name or empty; callers have validated its syntax.
    //   Create: no function or no alias → 404 "Function does not exist"; a URL already there → 409.
    //   Get/Delete: no function, no alias or no URL → 404 "The resource you requested does not exist."
    //   Update: no function or alias → 404 "Function does not exist"; no URL → 404 "The resource ...".
    //   List: no function → 404 "Function does not exist". Ordered by FunctionArn; the marker is the
    //   FunctionArn to start after.
    FunctionUrlPtr create(const std::string& function, const std::string& qualifier,
                          FunctionUrlSettings settings);
    FunctionUrlPtr get(const std::string& function, const std::string& qualifier);
    FunctionUrlPtr update(const std::string& function, const std::string& qualifier,
                          const FunctionUrlPatch& patch);
    void remove(const std::string& function, const std::string& qualifier);
    Page<FunctionUrlPtr> list(const std::string& function, const std::string& marker, std::size_t max_items);

    // The data plane's lookups.
    FunctionUrlPtr find_by_id(const std::string& url_id) const;
    std::optional<DeletedFunctionUrl> deleted(const std::string& url_id) const;

    // RegistryObserver
    void on_function_deleted(const std::string& function) override;
    void on_alias_deleted(const std::string& function, const std::string& alias) override;

    // Persistence (--state-dir): every stored config, and a restore that replaces them all.
    std::vector<FunctionUrlConfig> snapshot() const;
    void restore(const std::vector<FunctionUrlConfig>& configs);
    // Called after every change (outside the lock), e.g. to persist it.
    void set_change_listener(std::function<void()> listener);

  private:
    using Key = std::pair<std::string, std::string>;  // (function, qualifier)

    bool function_exists(const std::string& function);
    bool alias_exists(const std::string& function, const std::string& alias);
    std::string new_url_id_locked();
    // Removes matching configs under the lock, remembering why; true when any was removed.
    bool erase_locked(const std::function<bool(const FunctionUrlConfig&)>& match, const std::string& reason);
    void changed();

    FunctionRegistry& functions_;
    Clock& clock_;
    Random& random_;
    mutable std::mutex mutex_;
    std::map<Key, FunctionUrlPtr> by_key_;
    std::map<std::string, FunctionUrlPtr> by_id_;
    std::map<std::string, DeletedFunctionUrl> deleted_;
    std::deque<std::string> deleted_order_;  // oldest first, to bound deleted_
    std::function<void()> change_listener_;
};

}  // namespace lemu::control
