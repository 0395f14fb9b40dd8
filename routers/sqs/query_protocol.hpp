#pragma once
// The SQS query protocol (form-encoded `Action=...`, XML replies) as a translation to and from the JSON
// 1.0 shapes, so every operation has one implementation. Older SDKs (Java v1, PHP, boto3 before 2024)
// still speak it.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "routers/http/url.hpp"

namespace lemu::routers::sqs {

inline constexpr std::string_view kQueryNamespace = "http://queue.amazonaws.com/doc/2012-11-05/";

std::string xml_escape(std::string_view text);

// Flattened query parameters (`Attribute.1.Name=...`, `SendMessageBatchRequestEntry.2.MessageBody=...`)
// as the JSON input of `operation` (`{"Attributes":{...}}`, `{"Entries":[{...}]}`). Scalars stay strings.
nlohmann::json query_to_input(const http::QueryParams& params, std::string_view operation);

// `<OpResponse><OpResult>...</OpResult><ResponseMetadata>...` from the JSON output; operations without
// an output shape get no Result element.
std::string output_to_xml(std::string_view operation, const nlohmann::json& output, bool has_result,
                          std::string_view request_id);

}  // namespace lemu::routers::sqs
