// FunctionRegistry: DeleteFunction and the function/version listings.

#include <fmt/format.h>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_state.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::control {

using registry_detail::paginate;
using registry_detail::version_sort_key;

namespace {

std::vector<std::string> aliases_referencing(const FunctionRegistry::FunctionState& fn,
                                             std::uint64_t number) {
    std::vector<std::string> names;
    const std::string label = std::to_string(number);
    for (const auto& [name, alias] : fn.aliases) {
        // A version that is only an additional routing target is protected too (control-plane.md §6.1).
        if (alias->function_version == label ||
            (alias->routing.additional && alias->routing.additional->version == number)) {
            names.push_back(name);
        }
    }
    return names;
}

}  // namespace

void FunctionRegistry::delete_function(const FunctionRef& ref) {
    // Both qualifier rules are checked before the function's existence (facts 14, 15).
    if (ref.qualifier && is_latest(*ref.qualifier)) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "$LATEST version cannot be deleted without deleting the function.");
    }
    if (ref.qualifier && is_alias(*ref.qualifier)) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Deletion of aliases is not currently supported.");
    }
    // Asked outside the lock: the guard's owner may itself call into the registry. An empty version
    // stands for the whole function (every version goes with it).
    {
        std::function<void(const std::string&, const std::string&)> guard;
        {
            std::lock_guard lock(mutex_);
            guard = version_delete_guard_;
        }
        if (guard) {
            guard(ref.name, ref.qualifier ? to_string(*ref.qualifier) : std::string());
        }
    }
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(ref.name);
        if (!ref.qualifier) {
            functions_.erase(ref.name);
            notices.events.emplace_back(
                [name = ref.name](RegistryObserver& o) { o.on_function_deleted(name); });
        } else {
            std::uint64_t number = std::get<VersionNumber>(*ref.qualifier).value;
            if (!fn->version(number)) {
                return;  // deleting a version that does not exist is a silent success (fact 16)
            }
            std::vector<std::string> users = aliases_referencing(*fn, number);
            if (!users.empty()) {
                throw AwsError(
                    ErrorCode::ResourceConflict,
                    fmt::format("Unable to delete version because the following aliases reference it: [{}]",
                                join(users, ", ")));
            }
            const std::string key = std::to_string(number);
            fn->versions.erase(number);
            fn->policies.erase(key);
            fn->event_invoke.erase(key);
            notices.events.emplace_back(
                [name = ref.name, number](RegistryObserver& o) { o.on_version_deleted(name, number); });
        }
        notices.changed = true;
    }
    commit(notices);
}

// ARNs are formatted for the returned page only: listings of many versions stay cheap.
Page<ListedVersion> FunctionRegistry::with_arns(Page<VersionPtr> page, bool qualified) const {
    Page<ListedVersion> out;
    out.next_marker = std::move(page.next_marker);
    out.items.reserve(page.items.size());
    for (VersionPtr& version : page.items) {
        std::string version_arn =
            qualified ? arn(version->function_name, version->version) : arn(version->function_name);
        out.items.push_back({std::move(version), std::move(version_arn)});
    }
    return out;
}

Page<ListedVersion> FunctionRegistry::list_functions(bool all_versions, const std::string& marker,
                                                     std::size_t max_items) {
    Notices notices;
    std::vector<VersionPtr> items;
    {
        std::lock_guard lock(mutex_);
        for (auto& [name, fn] : functions_) {
            notices.changed = settle(*fn) || notices.changed;
            items.push_back(fn->latest);
            if (all_versions) {
                for (const auto& [number, version] : fn->versions) {
                    items.push_back(version);
                }
            }
        }
    }
    commit(notices);
    Page<VersionPtr> page = paginate(std::move(items), marker, max_items, [](const VersionPtr& v) {
        return v->function_name + '\x01' + version_sort_key(v->version);
    });
    return with_arns(std::move(page), all_versions);
}

Page<ListedVersion> FunctionRegistry::list_versions(const std::string& function, const std::string& marker,
                                                    std::size_t max_items) {
    Notices notices;
    std::vector<VersionPtr> items;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(function);
        notices.changed = settle(*fn);
        items.reserve(fn->versions.size() + 1);
        items.push_back(fn->latest);
        for (const auto& [number, version] : fn->versions) {
            items.push_back(version);
        }
    }
    commit(notices);
    Page<VersionPtr> page = paginate(std::move(items), marker, max_items,
                                     [](const VersionPtr& v) { return version_sort_key(v->version); });
    return with_arns(std::move(page), true);
}

}  // namespace lemu::control
