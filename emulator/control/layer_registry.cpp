#include "emulator/control/layer_registry.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emulator/control/function_state.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::control {

using registry_detail::paginate;

namespace {

constexpr std::string_view kNotFound = "The resource you requested does not exist.";

bool matches(const LayerVersion& v, const std::optional<std::string>& runtime,
             const std::optional<std::string>& architecture) {
    auto has = [](const std::vector<std::string>& list, const std::string& value) {
        return std::find(list.begin(), list.end(), value) != list.end();
    };
    return (!runtime || has(v.compatible_runtimes, *runtime)) &&
           (!architecture || has(v.compatible_architectures, *architecture));
}

struct LayerArnParts {
    std::string region;
    std::string account;
    std::string name;
    std::uint64_t version = 0;
};

// arn:PARTITION:lambda:REGION:ACCOUNT:layer:NAME:VERSION (already pattern-checked by the codec)
std::optional<LayerArnParts> parse_layer_version_arn(std::string_view arn) {
    std::vector<std::string_view> parts = split(arn, ':');
    if (parts.size() != 8 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "layer") {
        return std::nullopt;
    }
    std::optional<std::uint64_t> version = parse_version_number(parts[7]);
    if (!version) {
        return std::nullopt;
    }
    return LayerArnParts{std::string(parts[3]), std::string(parts[4]), std::string(parts[6]), *version};
}

}  // namespace

LayerRegistry::LayerRegistry(AccountRegion home, Clock& clock) : home_(std::move(home)), clock_(clock) {}

std::string LayerRegistry::layer_arn(const std::string& name) const {
    return lemu::layer_arn(home_, name);
}

std::string LayerRegistry::version_arn(const LayerVersion& version) const {
    return fmt::format("{}:{}", layer_arn(version.layer_name), version.version);
}

void LayerRegistry::set_change_listener(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    change_listener_ = std::move(listener);
}

void LayerRegistry::changed() {
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        listener = change_listener_;
    }
    if (listener) {
        listener();
    }
}

LayerVersionPtr LayerRegistry::publish(PublishLayerRequest request) {
    LayerVersionPtr result;
    {
        std::lock_guard lock(mutex_);
        auto version = std::make_shared<LayerVersion>();
        version->layer_name = request.layer_name;
        version->version = ++last_versions_[request.layer_name];
        version->description = std::move(request.description);
        version->content = std::move(request.content);
        version->compatible_runtimes = std::move(request.compatible_runtimes);
        version->compatible_architectures = std::move(request.compatible_architectures);
        version->license_info = std::move(request.license_info);
        version->created = clock_.now();
        layers_[request.layer_name][version->version] = version;
        result = std::move(version);
    }
    changed();
    return result;
}

LayerVersionPtr LayerRegistry::get(const std::string& name, std::int64_t version) {
    if (version < 1) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Layer Version Cannot be less than 1");
    }
    std::lock_guard lock(mutex_);
    auto layer = layers_.find(name);
    if (layer == layers_.end()) {
        throw AwsError(ErrorCode::ResourceNotFound, std::string(kNotFound));
    }
    auto it = layer->second.find(static_cast<std::uint64_t>(version));
    if (it == layer->second.end()) {
        throw AwsError(ErrorCode::ResourceNotFound, std::string(kNotFound));
    }
    return it->second;
}

LayerVersionPtr LayerRegistry::get_by_arn(const std::string& layer_version_arn) {
    std::optional<LayerArnParts> parts = parse_layer_version_arn(layer_version_arn);
    if (!parts || parts->region != home_.region || parts->account != home_.account) {
        throw AwsError(ErrorCode::ResourceNotFound, std::string(kNotFound));
    }
    return get(parts->name, static_cast<std::int64_t>(parts->version));
}

Page<LayerVersionPtr> LayerRegistry::list_layers(const std::optional<std::string>& runtime,
                                                 const std::optional<std::string>& architecture,
                                                 const std::string& marker, std::size_t max_items) {
    std::vector<LayerVersionPtr> items;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [name, versions] : layers_) {
            for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
                if (matches(*it->second, runtime, architecture)) {
                    items.push_back(it->second);
                    break;
                }
            }
        }
    }
    return paginate(std::move(items), marker, max_items,
                    [](const LayerVersionPtr& v) { return v->layer_name; });
}

Page<LayerVersionPtr> LayerRegistry::list_versions(const std::string& name,
                                                   const std::optional<std::string>& runtime,
                                                   const std::optional<std::string>& architecture,
                                                   const std::string& marker, std::size_t max_items) {
    std::vector<LayerVersionPtr> items;
    {
        std::lock_guard lock(mutex_);
        auto layer = layers_.find(name);
        if (layer != layers_.end()) {
            for (auto it = layer->second.rbegin(); it != layer->second.rend(); ++it) {
                if (matches(*it->second, runtime, architecture)) {
                    items.push_back(it->second);
                }
            }
        }
    }
    // Newest first: the sort key counts down.
    return paginate(std::move(items), marker, max_items,
                    [](const LayerVersionPtr& v) { return fmt::format("{:020}", UINT64_MAX - v->version); });
}

void LayerRegistry::remove(const std::string& name, std::int64_t version) {
    if (version < 1) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Layer Version Cannot be less than 1");
    }
    bool erased = false;
    {
        std::lock_guard lock(mutex_);
        auto layer = layers_.find(name);
        if (layer != layers_.end()) {
            erased = layer->second.erase(static_cast<std::uint64_t>(version)) > 0;
            if (layer->second.empty()) {
                layers_.erase(layer);
            }
        }
    }
    if (erased) {
        changed();
    }
}

std::vector<LayerRef> LayerRegistry::resolve_for_function(
    const std::vector<std::string>& layer_version_arns) {
    if (layer_version_arns.size() > kMaxLayersPerFunction) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Cannot reference more than 5 layers.");
    }
    std::vector<LayerArnParts> parsed;
    for (const std::string& arn : layer_version_arns) {
        std::optional<LayerArnParts> parts = parse_layer_version_arn(arn);
        if (!parts) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           fmt::format("Layer version {} does not exist.", arn));
        }
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            if (parsed[i].name == parts->name && parsed[i].account == parts->account) {
                throw AwsError(
                    ErrorCode::InvalidParameterValue,
                    fmt::format("Two different versions of the same layer are not allowed to be referenced "
                                "in the same function. {} and {} are versions of the same layer.",
                                layer_version_arns[i], arn));
            }
        }
        parsed.push_back(*parts);
    }
    std::vector<LayerRef> refs;
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        if (parsed[i].region != home_.region) {
            throw AwsError(
                ErrorCode::InvalidParameterValue,
                fmt::format("Layers are not in the same region as the function. Layers are expected to be "
                            "in region {}.",
                            home_.region));
        }
        auto layer = layers_.find(parsed[i].name);
        auto it =
            layer == layers_.end() ? decltype(layer->second.end()){} : layer->second.find(parsed[i].version);
        if (parsed[i].account != home_.account || layer == layers_.end() || it == layer->second.end()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           fmt::format("Layer version {} does not exist.", layer_version_arns[i]));
        }
        refs.push_back(LayerRef{layer_version_arns[i], it->second->content.sha256, it->second->content.size});
    }
    return refs;
}

std::uint64_t LayerRegistry::total_code_size() {
    std::lock_guard lock(mutex_);
    std::uint64_t total = 0;
    for (const auto& [name, versions] : layers_) {
        for (const auto& [number, version] : versions) {
            total += version->content.size;
        }
    }
    return total;
}

LayerSnapshot LayerRegistry::snapshot() {
    std::lock_guard lock(mutex_);
    LayerSnapshot out;
    for (const auto& [name, versions] : layers_) {
        for (const auto& [number, version] : versions) {
            out.versions.push_back(*version);
        }
    }
    out.last_versions.insert(last_versions_.begin(), last_versions_.end());
    return out;
}

void LayerRegistry::restore(const LayerSnapshot& snapshot) {
    std::lock_guard lock(mutex_);
    layers_.clear();
    last_versions_.clear();
    for (const LayerVersion& v : snapshot.versions) {
        layers_[v.layer_name][v.version] = std::make_shared<LayerVersion>(v);
    }
    last_versions_.insert(snapshot.last_versions.begin(), snapshot.last_versions.end());
}

}  // namespace lemu::control
