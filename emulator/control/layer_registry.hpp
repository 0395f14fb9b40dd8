#pragma once
// Lambda layers: named, numbered, immutable content (a zip in the CodeStore). Version numbers of a layer
// are never reused, even after all its versions were deleted. Thread-safe with one mutex.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulator/control/function_config.hpp"
#include "emulator/control/function_registry.hpp"
#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"

namespace lemu::control {

inline constexpr std::size_t kMaxLayersPerFunction = 5;

struct LayerVersion {
    std::string layer_name;
    std::uint64_t version = 0;
    std::string description;
    CodeInfo content;
    std::vector<std::string> compatible_runtimes;
    std::vector<std::string> compatible_architectures;
    std::string license_info;
    TimePoint created;
};

using LayerVersionPtr = std::shared_ptr<const LayerVersion>;

struct PublishLayerRequest {
    std::string layer_name;
    std::string description;
    CodeInfo content;
    std::vector<std::string> compatible_runtimes;
    std::vector<std::string> compatible_architectures;
    std::string license_info;
};

struct LayerSnapshot {
    std::vector<LayerVersion> versions;
    std::map<std::string, std::uint64_t> last_versions;  // highest number ever published per layer
};

class LayerRegistry {
  public:
    LayerRegistry(AccountRegion home, Clock& clock);

    std::string layer_arn(const std::string& name) const;
    std::string version_arn(const LayerVersion& version) const;

    LayerVersionPtr publish(PublishLayerRequest request);
    // Throws InvalidParameterValueException for numbers below 1, ResourceNotFoundException when missing.
    LayerVersionPtr get(const std::string& name, std::int64_t version);
    LayerVersionPtr get_by_arn(const std::string& layer_version_arn);
    // The newest version of each layer matching the filters.
    Page<LayerVersionPtr> list_layers(const std::optional<std::string>& runtime,
                                      const std::optional<std::string>& architecture,
                                      const std::string& marker, std::size_t max_items);
    // Newest first.
    Page<LayerVersionPtr> list_versions(const std::string& name, const std::optional<std::string>& runtime,
                                        const std::optional<std::string>& architecture,
                                        const std::string& marker, std::size_t max_items);
    // Idempotent: deleting a missing version succeeds.
    void remove(const std::string& name, std::int64_t version);

    // Checks a function's Layers list (count, duplicates, region, existence) and pins each entry's code.
    std::vector<LayerRef> resolve_for_function(const std::vector<std::string>& layer_version_arns);

    std::uint64_t total_code_size();
    LayerSnapshot snapshot();
    void restore(const LayerSnapshot& snapshot);
    void set_change_listener(std::function<void()> listener);

  private:
    void changed();

    AccountRegion home_;
    Clock& clock_;
    std::mutex mutex_;
    std::map<std::string, std::map<std::uint64_t, LayerVersionPtr>, std::less<>> layers_;
    std::map<std::string, std::uint64_t, std::less<>> last_versions_;
    std::function<void()> change_listener_;
};

}  // namespace lemu::control
