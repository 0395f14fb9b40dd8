#pragma once
// Internal to the registry: the mutable record of one function, guarded by FunctionRegistry's mutex.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "emulator/control/function_registry.hpp"

namespace lemu::control {

struct FunctionRegistry::FunctionState {
    VersionPtr latest;
    std::map<std::uint64_t, VersionPtr> versions;
    std::uint64_t last_version = 0;  // highest number ever published (never reused)
    bool latest_changed = true;      // $LATEST changed since the last publish
    bool unsettled = false;          // some version waits for its Pending/InProgress work to complete
    std::map<std::string, AliasPtr, std::less<>> aliases;
    std::map<std::string, PolicyPtr, std::less<>> policies;  // "" unqualified, "7", "live"
    std::optional<int> reserved_concurrency;
    std::map<std::string, std::string> tags;
    std::map<std::string, EventInvokeConfig, std::less<>> event_invoke;  // "$LATEST", "7", "live"

    VersionPtr version(std::uint64_t number) const {
        auto it = versions.find(number);
        return it == versions.end() ? nullptr : it->second;
    }
    AliasPtr alias(std::string_view name) const {
        auto it = aliases.find(name);
        return it == aliases.end() ? nullptr : it->second;
    }
};

struct FunctionRegistry::Notices {
    bool changed = false;
    std::vector<std::function<void(RegistryObserver&)>> events;
};

// Shared helpers of the registry's .cpp files.
namespace registry_detail {

inline constexpr std::string_view kRevisionMismatch =
    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to "
    "retrieve the latest Revision Id";
inline constexpr std::string_view kPolicyRevisionMismatch =
    "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the "
    "latest Revision Id";

// Opaque paging markers: base64 of a sort key.
std::string encode_marker(const std::string& key);
std::string decode_marker(const std::string& marker);

// Items [first item with key >= marker key, +max), with the marker of the next page.
template <class T, class KeyFn>
Page<T> paginate(std::vector<T> items, const std::string& marker, std::size_t max_items, KeyFn key_of) {
    std::size_t limit = max_items == 0 || max_items > kMaxPageSize ? kMaxPageSize : max_items;
    std::size_t start = 0;
    if (!marker.empty()) {
        std::string from = decode_marker(marker);
        while (start < items.size() && key_of(items[start]) < from) {
            ++start;
        }
    }
    Page<T> page;
    std::size_t end = std::min(items.size(), start + limit);
    for (std::size_t i = start; i < end; ++i) {
        page.items.push_back(std::move(items[i]));
    }
    if (end < items.size()) {
        page.next_marker = encode_marker(key_of(items[end]));
    }
    return page;
}

// Sort key of a version label: $LATEST first, then numbers in numeric order.
std::string version_sort_key(const std::string& label);

}  // namespace registry_detail
}  // namespace lemu::control
