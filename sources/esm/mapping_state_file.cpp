#include "sources/esm/mapping_state_file.hpp"

#include <stdexcept>

#include "emulator/control/file_io.hpp"
#include "emulator/core/log.hpp"

namespace lemu::sources::esm {

namespace fs = std::filesystem;

nlohmann::json encode_mappings(const std::vector<EventSourceMapping>& mappings) {
    nlohmann::json list = nlohmann::json::array();
    for (const EventSourceMapping& m : mappings) {
        nlohmann::json item = {{"uuid", m.uuid},
                               {"sourceArn", m.source_arn},
                               {"functionArn", m.function_arn},
                               {"batchSize", m.batch_size},
                               {"maximumBatchingWindowSeconds", m.maximum_batching_window_seconds},
                               {"reportBatchItemFailures", m.report_batch_item_failures},
                               {"filterCriteria", m.filter_criteria},
                               {"enabled", m.enabled},
                               {"state", to_string(m.state)},
                               {"lastModifiedMillis", epoch_millis(m.last_modified)}};
        if (m.maximum_concurrency) {
            item["maximumConcurrency"] = *m.maximum_concurrency;
        }
        list.push_back(std::move(item));
    }
    return {{"format", 1}, {"mappings", list}};
}

std::vector<EventSourceMapping> decode_mappings(const nlohmann::json& document) {
    try {
        if (document.at("format").get<int>() != 1) {
            throw std::runtime_error("unknown format");
        }
        std::vector<EventSourceMapping> out;
        for (const nlohmann::json& item : document.at("mappings")) {
            EventSourceMapping m;
            m.uuid = item.at("uuid").get<std::string>();
            m.source_arn = item.at("sourceArn").get<std::string>();
            m.function_arn = item.at("functionArn").get<std::string>();
            m.batch_size = item.at("batchSize").get<int>();
            m.maximum_batching_window_seconds = item.at("maximumBatchingWindowSeconds").get<int>();
            m.report_batch_item_failures = item.at("reportBatchItemFailures").get<bool>();
            m.filter_criteria = item.at("filterCriteria").get<std::string>();
            m.enabled = item.at("enabled").get<bool>();
            m.state = parse_state(item.at("state").get<std::string>()).value_or(MappingState::Creating);
            m.last_modified = from_epoch_millis(item.at("lastModifiedMillis").get<std::int64_t>());
            if (item.contains("maximumConcurrency")) {
                m.maximum_concurrency = item.at("maximumConcurrency").get<int>();
            }
            out.push_back(std::move(m));
        }
        return out;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("event source mappings: ") + e.what());
    }
}

MappingStateFile::MappingStateFile(fs::path dir, MappingRegistry& registry)
    : dir_(std::move(dir)), registry_(registry) {
    fs::create_directories(dir_);
}

bool MappingStateFile::load() {
    if (!fs::exists(path())) {
        return false;
    }
    nlohmann::json document = nlohmann::json::parse(control::read_file(path()), nullptr, false);
    if (document.is_discarded()) {
        throw std::runtime_error("cannot parse " + path().string());
    }
    std::vector<EventSourceMapping> mappings = decode_mappings(document);
    log::get("esm")->info("restored {} event source mappings from {}", mappings.size(), path().string());
    registry_.restore(std::move(mappings));
    return true;
}

void MappingStateFile::save() {
    std::lock_guard lock(mutex_);
    control::write_file_atomically(path(), encode_mappings(registry_.all()).dump());
}

void MappingStateFile::attach() {
    registry_.set_change_listener([this] { save(); });
}

}  // namespace lemu::sources::esm
