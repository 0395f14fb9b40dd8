#pragma once
// Wire shapes of the durable-execution REST API (botocore `lambda`, paths under /2025-12-01/) that
// only the router needs: request validation, query parsing and the Get/List response documents.
// Operation, update, error and event shapes are shared with the runner (emulator/durable/wire_codec).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.hpp"
#include "emulator/durable/durable_execution_store.hpp"
#include "routers/http/request.hpp"

namespace lemu::routers::durable {

// Throws ValidationException unless `arn` matches the model's DurableExecutionArn pattern.
void check_execution_arn(const std::string& arn);
// Throws ValidationException unless `id` matches the model's CallbackId pattern.
void check_callback_id(const std::string& id);
// CheckpointToken: 1-2048 of [A-Za-z0-9+/]+={0,2}; `field` names it in the message.
void check_token(const std::optional<std::string>& token, std::string_view field);

// ISO 8601 as botocore and the JS SDK put timestamps in query strings
// (2026-01-01T00:00:00Z, with optional fraction and UTC offset); also accepts epoch seconds.
std::optional<TimePoint> parse_timestamp(std::string_view text);

// Query parameters with the model's constraints; absent gives nullopt.
std::optional<int> max_items(const http::Request& request);
std::optional<bool> flag(const http::Request& request, std::string_view name, std::string_view field);

// The request body as JSON ("{}" when empty); InvalidRequestContentException when malformed.
nlohmann::json body_json(const http::Request& request);

nlohmann::json describe_json(const lemu::durable::ExecutionDescription& d);
nlohmann::json summary_json(const lemu::durable::ExecutionSummary& s);

}  // namespace lemu::routers::durable
