#pragma once
// Wire shapes of layers: PublishLayerVersion, GetLayerVersion(ByArn), ListLayers, ListLayerVersions.

#include <optional>
#include <string>

#include "emulator/control/layer_registry.hpp"
#include "routers/http/request.hpp"
#include "routers/lambda/json_input.hpp"
#include "routers/lambda/s3_code.hpp"

namespace lemu::routers::lambda {

struct DecodedLayer {
    control::PublishLayerRequest request;  // without name and content
    std::string zip_file;                  // decoded bytes, still to be validated and stored
    std::optional<S3CodeLocation> s3;      // or where to read them
};
DecodedLayer decode_publish_layer(const JsonInput& in);

// CompatibleRuntime / CompatibleArchitecture list filters from the query.
std::optional<std::string> runtime_filter(const http::Request& request);
std::optional<std::string> architecture_filter(const http::Request& request);
// GetLayerVersionByArn's Arn query parameter, pattern-checked.
std::string layer_version_arn_param(const http::Request& request);
// {VersionNumber}: a long; below 1 is AWS's InvalidParameterValueException.
std::int64_t layer_version_number(const http::Request& request);

// Get/Publish response (with Content and LayerArn).
Json encode_layer_version(const control::LayerVersion& v, const control::LayerRegistry& layers,
                          const http::Request& request);
// ListLayerVersions item / LatestMatchingVersion.
Json encode_layer_version_item(const control::LayerVersion& v, const control::LayerRegistry& layers);
Json encode_layer_list_item(const control::LayerVersion& latest, const control::LayerRegistry& layers);
// {"Layers": [...]} or {"LayerVersions": [...]}, plus NextMarker.
enum class LayerListKind { Layers, LayerVersions };
Json encode_layer_page(const control::Page<control::LayerVersionPtr>& page,
                       const control::LayerRegistry& layers, LayerListKind kind);

}  // namespace lemu::routers::lambda
