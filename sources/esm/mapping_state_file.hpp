#pragma once
// `lemu up --state-dir DIR`: event source mappings survive a restart in DIR/event-source-mappings.json,
// written atomically after every acknowledged Create/Update/Delete (the same crash-safe write as the
// control-plane state). Queues live in memory only, so a restored mapping whose queue is gone keeps
// polling and reports "PROBLEM: Queue not found" until the queue is created again.

#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "sources/esm/event_source_mapping.hpp"
#include "sources/esm/mapping_registry.hpp"

namespace lemu::sources::esm {

nlohmann::json encode_mappings(const std::vector<EventSourceMapping>& mappings);
// Throws std::runtime_error on a document it cannot read.
std::vector<EventSourceMapping> decode_mappings(const nlohmann::json& document);

class MappingStateFile {
  public:
    MappingStateFile(std::filesystem::path dir, MappingRegistry& registry);

    std::filesystem::path path() const { return dir_ / "event-source-mappings.json"; }
    // Restores the registry from the file when it exists; false when there was nothing to load.
    bool load();
    void save();
    // Makes every registry change call save() before the change is acknowledged.
    void attach();

  private:
    std::filesystem::path dir_;
    MappingRegistry& registry_;
    std::mutex mutex_;
};

}  // namespace lemu::sources::esm
