#include "routers/lambda/alias_codec.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "routers/lambda/patterns.hpp"

namespace lemu::routers::lambda {
namespace {

constexpr std::string_view kWeightsField = "routingConfig.additionalVersionWeights";

// AdditionalVersionWeights, validated like AWS: keys [0-9]+ and weights in [0, 1], reported with the map
// rendered Java-style ("{2=2.0}", facts 46 and 48).
std::optional<std::map<std::uint64_t, double>> decode_weights(const JsonInput& in, Violations& v) {
    std::optional<JsonInput> routing = in.object("RoutingConfig");
    if (!routing) {
        return std::nullopt;
    }
    std::optional<Json> weights = routing->raw("AdditionalVersionWeights", JsonInput::Kind::Object);
    if (!weights) {
        return std::map<std::uint64_t, double>{};
    }
    std::vector<std::string> rendered;
    bool bad_key = false;
    bool bad_value = false;
    std::map<std::uint64_t, double> out;
    for (auto it = weights->begin(); it != weights->end(); ++it) {
        if (!it.value().is_number()) {
            throw AwsError(ErrorCode::SerializationException,
                           fmt::format("Weight of version '{}' can not be converted to a Double", it.key()));
        }
        double weight = it.value().get<double>();
        rendered.push_back(fmt::format("{}={}", it.key(), java_double(weight)));
        std::optional<std::uint64_t> version = parse_version_number(it.key());
        bad_key = bad_key || !version || it.key().size() > 1024;
        bad_value = bad_value || !(weight >= 0.0 && weight <= 1.0);
        if (version) {
            out[*version] = weight;
        }
    }
    const std::string map = "{" + join(rendered, ", ") + "}";
    if (bad_key) {
        v.add(map, kWeightsField,
              "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member "
              "must "
              "have length greater than or equal to 1, Member must satisfy regular expression pattern: "
              "[0-9]+, Member "
              "must not be null]");
    } else if (bad_value) {
        v.add(map, kWeightsField,
              "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member "
              "must have "
              "value greater than or equal to 0.0, Member must not be null]");
    }
    return out;
}

}  // namespace

void validate_alias_name(const std::optional<std::string>& name, Violations& v) {
    v.min_length(name, "name", 1);
    v.max_length(name, "name", 128);
    if (name && !name->empty()) {
        bool chars_ok = std::all_of(name->begin(), name->end(),
                                    [](char c) { return is_alnum(c) || c == '-' || c == '_'; });
        bool all_digits = std::all_of(name->begin(), name->end(), is_digit);
        if (!chars_ok || all_digits) {
            v.add(name, "name",
                  "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
    }
}

control::AliasRequest decode_alias(const JsonInput& in, bool create) {
    control::AliasRequest r;
    Violations v;
    std::optional<std::string> name = in.string("Name");
    if (create) {
        v.required(name.has_value(), "name");
        validate_alias_name(name, v);
        r.name = name.value_or("");
    }
    r.function_version = in.string("FunctionVersion");
    if (create) {
        v.required(r.function_version.has_value(), "functionVersion");
    }
    v.max_length(r.function_version, "functionVersion", 1024);
    v.pattern(r.function_version, "functionVersion", patterns::kAliasVersion);
    r.description = in.string("Description");
    v.max_length(r.description, "description", 256);
    r.weights = decode_weights(in, v);
    r.revision_id = in.string("RevisionId");
    v.throw_if_any();
    return r;
}

Json encode_alias(const control::Alias& alias, const std::string& alias_arn) {
    Json out = Json::object();
    out["AliasArn"] = alias_arn;
    out["Name"] = alias.name;
    out["FunctionVersion"] = alias.function_version;
    out["Description"] = alias.description;
    if (alias.routing.additional) {
        Json weights = Json::object();
        weights[std::to_string(alias.routing.additional->version)] = alias.routing.additional->weight;
        out["RoutingConfig"] = Json{{"AdditionalVersionWeights", std::move(weights)}};
    }
    out["RevisionId"] = alias.revision_id;
    return out;
}

Json encode_alias_page(const control::Page<control::AliasPtr>& page, const std::string& function,
                       const AccountRegion& home) {
    Json aliases = Json::array();
    for (const control::AliasPtr& alias : page.items) {
        aliases.push_back(encode_alias(*alias, function_arn(home, function, alias->name)));
    }
    Json out = Json::object();
    if (!page.next_marker.empty()) {
        out["NextMarker"] = page.next_marker;
    }
    out["Aliases"] = std::move(aliases);
    return out;
}

}  // namespace lemu::routers::lambda
