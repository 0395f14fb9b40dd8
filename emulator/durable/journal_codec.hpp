#pragma once
// The journal's own JSON for the durable records: every field, internal ones included, with epoch
// millisecond timestamps. Not an AWS wire shape (see wire_codec.hpp for those).

#include <nlohmann/json.hpp>

#include "emulator/durable/durable_execution.hpp"

namespace lemu::durable::journal {

nlohmann::json to_json(const ErrorObject& e);
ErrorObject error_from(const nlohmann::json& j);
nlohmann::json to_json(const Operation& op);
Operation operation_from(const nlohmann::json& j);
nlohmann::json to_json(const HistoryEvent& e);
HistoryEvent event_from(const nlohmann::json& j);
nlohmann::json to_json(const ExecutionIdentity& id);
ExecutionIdentity identity_from(const nlohmann::json& j);

}  // namespace lemu::durable::journal
