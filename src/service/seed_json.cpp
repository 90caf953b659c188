#include "service/seed_json.hpp"

#include "domain/json_codec.hpp"
#include "domain/validation.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace coursedist::service {

namespace json = boost::json;
using domain::Distribution;

namespace {

constexpr const char* kDistributionsFile = "distributions.json";
constexpr const char* kSlugIndexFile = "slug_index.json";
constexpr const char* kDerivationsFile = "derivations.json";

// Fields a record may have: the seed's CourseDistribution plus ours.
const std::set<std::string, std::less<>> kKnownFields = {"distribution_id",
                                                         "course_id",
                                                         "slug",
                                                         "language",
                                                         "title",
                                                         "description",
                                                         "target_group",
                                                         "version",
                                                         "derived_from",
                                                         "seo",
                                                         "cta",
                                                         "visibility",
                                                         "published_at",
                                                         "staging_url",
                                                         "staging_deployed_at",
                                                         "outline",
                                                         "view_count",
                                                         "enrollment_count",
                                                         "created_at",
                                                         "updated_at"};

// Parsed in pieces straight from the file: the text is never held whole beside its DOM.
json::object read_object_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    json::stream_parser parser;
    std::string chunk(1 << 20, '\0');
    boost::system::error_code ec;
    while (!ec && in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        parser.write(chunk.data(), static_cast<std::size_t>(in.gcount()), ec);
    }
    if (!ec && in.bad()) throw std::runtime_error("cannot read " + path.string());
    if (!ec) parser.finish(ec);
    if (ec) throw std::runtime_error(path.string() + " is not JSON: " + ec.message());
    auto value = parser.release();
    if (!value.is_object()) throw std::runtime_error(path.string() + " must be a JSON object");
    return std::move(value.as_object());
}

void write_file_atomically(const std::filesystem::path& path, const json::value& value) {
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << json::serialize(value) << "\n";
        if (!out) throw std::runtime_error("cannot write " + temporary);
    }
    std::filesystem::rename(temporary, path);
}

// Decodes one record, collecting every problem instead of stopping at the first.
class RecordDecoder {
  public:
    RecordDecoder(const json::object& record, std::vector<std::string>& reasons)
        : record_(record), reasons_(reasons) {}

    std::string text(const char* field) {
        const auto* value = record_.if_contains(field);
        if (value == nullptr || !value->is_string()) {
            refuse(field, "required string");
            return {};
        }
        return std::string(value->as_string());
    }

    std::optional<std::string> nullable_text(const char* field) {
        const auto* value = record_.if_contains(field);
        if (value == nullptr || value->is_null()) return std::nullopt;
        if (!value->is_string()) {
            refuse(field, "must be a string or null");
            return std::nullopt;
        }
        return std::string(value->as_string());
    }

    std::optional<double> nullable_number(const char* field) {
        const auto* value = record_.if_contains(field);
        if (value == nullptr || value->is_null()) return std::nullopt;
        if (!value->is_number()) {
            refuse(field, "must be a number or null");
            return std::nullopt;
        }
        return value->to_number<double>();
    }

    double number(const char* field) {
        auto value = nullable_number(field);
        if (!value && !refused(field)) refuse(field, "required number (Unix seconds)");
        return value.value_or(0);
    }

    std::int64_t count(const char* field) {
        const auto* value = record_.if_contains(field);
        if (value == nullptr) return 0;
        if (!value->is_int64() && !value->is_uint64()) {
            refuse(field, "must be an integer");
            return 0;
        }
        return value->to_number<std::int64_t>();
    }

    // A structured field decoded by json_codec (which expects the service's own JSON): its
    // decoder's failures become a refusal of the field.
    template <typename T, typename Decode>
    T structured(const char* field, json::kind kind, bool required, Decode decode) {
        const auto* value = record_.if_contains(field);
        if (value == nullptr || value->is_null()) {
            if (required) refuse(field, "required");
            return T{};
        }
        if (value->kind() != kind) {
            refuse(field, kind == json::kind::array ? "must be an array" : "must be an object");
            return T{};
        }
        try {
            return decode(*value);
        } catch (const std::exception&) {
            refuse(field, "malformed");
            return T{};
        }
    }

    void refuse(const std::string& field, const std::string& message) {
        reasons_.push_back(field + ": " + message);
    }

  private:
    bool refused(const std::string& field) const {
        return std::any_of(reasons_.begin(), reasons_.end(),
                           [&](const std::string& r) { return r.starts_with(field + ":"); });
    }

    const json::object& record_;
    std::vector<std::string>& reasons_;
};

std::optional<Distribution> decode_record(const std::string& key, const json::value& value,
                                          std::vector<std::string>& reasons) {
    if (!value.is_object()) {
        reasons.push_back("record: must be a JSON object");
        return std::nullopt;
    }
    const auto& record = value.as_object();
    RecordDecoder field(record, reasons);
    Distribution d;
    d.distribution_id = key;
    if (const auto* id = record.if_contains("distribution_id");
        id != nullptr && !(id->is_string() && id->as_string() == key)) {
        field.refuse("distribution_id", "differs from the record's key " + key);
    }
    d.course_id = field.text("course_id");
    d.slug = field.text("slug");
    d.language = field.text("language");
    d.title = field.text("title");
    d.description = field.text("description");
    d.target_group = field.structured<std::vector<std::string>>("target_group", json::kind::array,
                                                                false, domain::strings_from_json);
    d.version = field.nullable_text("version").value_or("v1");
    d.derived_from = field.nullable_text("derived_from");
    d.seo = field.structured<domain::Seo>("seo", json::kind::object, true, domain::seo_from_json);
    d.cta = field.structured<domain::Cta>("cta", json::kind::object, true, domain::cta_from_json);
    if (auto visibility = field.nullable_text("visibility")) {
        std::string lower = *visibility;  // the seed's enum values, in either case
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (auto parsed = domain::parse_visibility(lower)) {
            d.visibility = *parsed;
        } else {
            field.refuse("visibility", "must be private, public or unlisted");
        }
    }
    d.published_at = field.nullable_number("published_at");
    d.staging_url = field.nullable_text("staging_url");
    d.staging_deployed_at = field.nullable_text("staging_deployed_at");
    d.outline = field.structured<domain::Outline>("outline", json::kind::object, false,
                                                  domain::outline_from_json);
    d.view_count = field.count("view_count");
    d.enrollment_count = field.count("enrollment_count");
    d.created_at = field.number("created_at");
    d.updated_at = field.number("updated_at");
    if (!reasons.empty()) return std::nullopt;
    for (const auto& error : domain::validate(d))
        reasons.push_back(error.field + ": " + error.message);
    if (!reasons.empty()) return std::nullopt;
    return d;
}

// Oldest first (so on a slug clash the older record wins), each variant after its parent: a
// variant older than its parent follows right after the parent. A variant whose parent is neither
// in the file nor in `existing_ids` is refused, and so is one whose parent was refused (or that is
// part of a cycle). Linear after the sort: each record is placed once, when its parent is. The
// records stay in `valid` (the order points into it).
std::vector<const Distribution*> in_insertion_order(
    const std::map<std::string, Distribution>& valid, const std::set<std::string>& existing_ids,
    SeedImportReport& report) {
    std::vector<const Distribution*> oldest_first;
    oldest_first.reserve(valid.size());
    for (const auto& [key, d] : valid) oldest_first.push_back(&d);
    std::stable_sort(oldest_first.begin(), oldest_first.end(),
                     [](const auto* a, const auto* b) { return a->created_at < b->created_at; });

    std::unordered_set<std::string_view> placed(existing_ids.begin(), existing_ids.end());
    // Variants whose parent is not placed yet, by parent id, oldest first.
    std::unordered_map<std::string_view, std::vector<const Distribution*>> waiting;
    std::vector<const Distribution*> ready;
    std::vector<const Distribution*> order;
    order.reserve(oldest_first.size());
    // Places a record, then the variants that waited for it (and theirs), oldest first.
    const auto place = [&](const Distribution* record) {
        ready.push_back(record);
        while (!ready.empty()) {
            const auto* next = ready.back();
            ready.pop_back();
            order.push_back(next);
            placed.insert(next->distribution_id);
            if (auto node = waiting.extract(next->distribution_id)) {
                ready.insert(ready.end(), node.mapped().rbegin(), node.mapped().rend());
            }
        }
    };
    for (const auto* d : oldest_first) {
        if (!d->derived_from || placed.contains(*d->derived_from)) {
            place(d);
        } else {
            waiting[*d->derived_from].push_back(d);
        }
    }

    std::vector<const Distribution*> unplaced;
    for (const auto& [parent, variants] : waiting)
        unplaced.insert(unplaced.end(), variants.begin(), variants.end());
    std::sort(unplaced.begin(), unplaced.end(), [](const auto* a, const auto* b) {
        return std::tie(a->created_at, a->distribution_id) <
               std::tie(b->created_at, b->distribution_id);
    });
    for (const auto* d : unplaced) {
        report.refused.push_back({d->distribution_id,
                                  {"derived_from: parent " + *d->derived_from +
                                   " is not imported (unknown, refused, or a cycle)"}});
    }
    return order;
}

void check_derived_files(const std::filesystem::path& dir, const json::object& distributions,
                         SeedImportReport& report) {
    if (std::filesystem::exists(dir / kSlugIndexFile)) {
        for (const auto& [slug, id] : read_object_file(dir / kSlugIndexFile)) {
            const auto* record = distributions.if_contains(id.is_string() ? id.as_string() : "");
            const json::value* record_slug = record != nullptr && record->is_object()
                                                 ? record->as_object().if_contains("slug")
                                                 : nullptr;
            if (record_slug == nullptr || *record_slug != json::value(slug)) {
                report.warnings.push_back(std::string(kSlugIndexFile) + ": " + std::string(slug) +
                                          " does not match distributions.json (ignored)");
            }
        }
    }
    if (std::filesystem::exists(dir / kDerivationsFile)) {
        for (const auto& [parent, children] : read_object_file(dir / kDerivationsFile)) {
            if (!children.is_array()) {
                report.warnings.push_back(std::string(kDerivationsFile) + ": " +
                                          std::string(parent) + " is not a list (ignored)");
                continue;
            }
            for (const auto& child : children.as_array()) {
                const auto* record =
                    distributions.if_contains(child.is_string() ? child.as_string() : "");
                const json::value* derived_from =
                    record != nullptr && record->is_object()
                        ? record->as_object().if_contains("derived_from")
                        : nullptr;
                if (derived_from == nullptr || *derived_from != json::value(parent)) {
                    report.warnings.push_back(
                        std::string(kDerivationsFile) + ": " + json::serialize(child) + " under " +
                        std::string(parent) + " does not match distributions.json (ignored)");
                }
            }
        }
    }
}

// The import's counts for its observer.
class ProgressCounter {
  public:
    ProgressCounter(const SeedImportReport& report, const SeedImportObserver& observe)
        : report_(report), observe_(observe) {}

    void start(std::size_t records) { progress_.records = records; }

    void record_read() {
        ++progress_.read;
        notify();
    }

    // After records were imported or refused.
    void notify() {
        if (!observe_) return;
        progress_.imported = report_.imported.size();
        progress_.refused = report_.refused.size();
        observe_(progress_);
    }

  private:
    SeedImportProgress progress_;
    const SeedImportReport& report_;
    const SeedImportObserver& observe_;
};

void warn_about_unknown_fields(const std::string& key, const json::value& value,
                               SeedImportReport& report) {
    if (!value.is_object()) return;
    for (const auto& [name, ignored] : value.as_object()) {
        if (!kKnownFields.contains(std::string_view(name))) {
            report.warnings.push_back(key + ": unknown field " + std::string(name) + " ignored");
        }
    }
}

// Decodes every record of distributions.json. Each record's JSON is released once decoded, so
// the file's DOM and the decoded records are never both held whole.
std::map<std::string, Distribution> decode_records(const std::filesystem::path& dir,
                                                   SeedImportReport& report,
                                                   ProgressCounter& progress) {
    auto distributions = read_object_file(dir / kDistributionsFile);
    check_derived_files(dir, distributions, report);
    progress.start(distributions.size());
    std::map<std::string, Distribution> valid;
    for (auto& [key_view, value] : distributions) {
        const std::string key(key_view);
        std::vector<std::string> reasons;
        if (auto d = decode_record(key, value, reasons)) {
            valid.emplace(key, std::move(*d));
        } else {
            report.refused.push_back({key, std::move(reasons)});
        }
        warn_about_unknown_fields(key, value, report);
        value = nullptr;
        progress.record_read();
    }
    return valid;
}

// Inserts the decoded records in one transaction; a record the store refuses (its id exists, its
// slug is taken) is refused alone.
void insert_records(storage::Store& store, const std::map<std::string, Distribution>& valid,
                    SeedImportReport& report, ProgressCounter& progress) {
    auto tx = store.begin_write();
    std::set<std::string> existing_ids;
    for (const auto& [key, d] : valid) {
        if (d.derived_from && !valid.contains(*d.derived_from) && tx->find(*d.derived_from)) {
            existing_ids.insert(*d.derived_from);
        }
    }
    const auto ordered = in_insertion_order(valid, existing_ids, report);
    progress.notify();
    for (const auto* record : ordered) {
        const auto& d = *record;
        if (tx->find(d.distribution_id)) {
            report.refused.push_back({d.distribution_id, {"distribution_id: already exists"}});
        } else {
            try {
                tx->insert(d);
                report.imported.push_back(d.distribution_id);
            } catch (const storage::SlugTaken&) {
                report.refused.push_back({d.distribution_id, {"slug: " + d.slug + " is taken"}});
            }
        }
        progress.notify();
    }
    tx->commit();
}

}  // namespace

SeedImportReport import_seed_json(storage::Store& store, const std::filesystem::path& dir,
                                  const SeedImportObserver& observe) {
    SeedImportReport report;
    ProgressCounter progress(report, observe);
    const auto valid = decode_records(dir, report, progress);
    insert_records(store, valid, report, progress);
    return report;
}

std::size_t export_seed_json(storage::Store& store, const std::filesystem::path& dir) {
    json::object distributions;
    json::object slug_index;
    json::object derivations;
    std::vector<Distribution> all;
    {
        auto tx = store.begin_read();
        storage::ListQuery query;
        query.limit = 500;
        for (;;) {
            auto page = tx->list(query);
            all.insert(all.end(), page.items.begin(), page.items.end());
            if (!page.next) break;
            query.after = page.next;
        }
    }
    // Oldest first, as the seed appends them.
    std::reverse(all.begin(), all.end());
    for (const auto& d : all) {
        distributions[d.distribution_id] = domain::to_json(d);
        slug_index[d.slug] = d.distribution_id;
        if (d.derived_from) {
            auto& children = derivations[*d.derived_from];
            if (!children.is_array()) children = json::array();
            children.as_array().push_back(json::value(d.distribution_id));
        }
    }
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / kDistributionsFile, distributions);
    write_file_atomically(dir / kSlugIndexFile, slug_index);
    write_file_atomically(dir / kDerivationsFile, derivations);
    return all.size();
}

}  // namespace coursedist::service
