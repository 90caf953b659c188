#include "storage/experiment_sql.hpp"

#include "domain/json_codec.hpp"

#include <boost/json.hpp>

namespace coursedist::storage {

namespace json = boost::json;

namespace {

constexpr const char* kExperimentColumns =
    "experiment_id, distribution_id, name, status, variants, auto_promote, started_at, "
    "stopped_at, winner";

std::string variants_json(const std::vector<domain::ExperimentVariant>& variants) {
    json::array a;
    for (const auto& v : variants)
        a.push_back(
            json::object{{"key", v.key}, {"cta", domain::to_json(v.cta)}, {"weight", v.weight}});
    return json::serialize(a);
}

std::vector<domain::ExperimentVariant> variants_from(const std::string& text) {
    const auto parsed = json::parse(text);  // outlives the loop over its elements
    std::vector<domain::ExperimentVariant> out;
    for (const auto& item : parsed.as_array()) {
        const auto& o = item.as_object();
        out.push_back({std::string(o.at("key").as_string()), domain::cta_from_json(o.at("cta")),
                       o.at("weight").to_number<std::int64_t>()});
    }
    return out;
}

SqlValue auto_promote_json(const std::optional<domain::AutoPromote>& a) {
    if (!a) return SqlValue();
    return json::serialize(json::object{{"min_views_per_variant", a->min_views_per_variant},
                                        {"probability", a->probability}});
}

SqlValue optional_text(const std::optional<std::string>& v) {
    return v ? SqlValue(*v) : SqlValue();
}

}  // namespace

ExperimentSql build_experiment_sql(Placeholder p) {
    using T = SqlType;
    const std::string select = std::string("SELECT ") + kExperimentColumns + " FROM experiments";
    ExperimentSql sql;
    sql.insert = std::string("INSERT INTO experiments (") + kExperimentColumns + ") VALUES (" +
                 p(1, T::Text) + ", " + p(2, T::Text) + ", " + p(3, T::Text) + ", " +
                 p(4, T::Text) + ", " + p(5, T::Json) + ", " + p(6, T::Json) + ", " +
                 p(7, T::Real) + ", " + p(8, T::Real) + ", " + p(9, T::Text) + ")";
    sql.find = select + " WHERE experiment_id = " + p(1, T::Text);
    sql.of_distribution = select + " WHERE distribution_id = " + p(1, T::Text) +
                          " ORDER BY started_at DESC, experiment_id DESC";
    sql.running = select + " WHERE distribution_id = " + p(1, T::Text) + " AND status = 'running'";
    sql.update = "UPDATE experiments SET status = " + p(1, T::Text) +
                 ", stopped_at = " + p(2, T::Real) + ", winner = " + p(3, T::Text) +
                 " WHERE experiment_id = " + p(4, T::Text);
    sql.variant_counts =
        "SELECT variant, kind, SUM(count) FROM counter_buckets WHERE distribution_id = " +
        p(1, T::Text) + " AND hour >= " + p(2, T::Integer) +
        " AND variant <> '' GROUP BY variant, kind ORDER BY variant, kind";
    return sql;
}

domain::Experiment read_experiment(const ColumnReader& r) {
    domain::Experiment e;
    e.experiment_id = r.text(0);
    e.distribution_id = r.text(1);
    e.name = r.text(2);
    e.status =
        domain::parse_experiment_status(r.text(3)).value_or(domain::ExperimentStatus::Stopped);
    e.variants = variants_from(r.text(4));
    if (!r.is_null(5)) {
        const auto o = json::parse(r.text(5));
        e.auto_promote =
            domain::AutoPromote{o.at("min_views_per_variant").to_number<std::int64_t>(),
                                o.at("probability").to_number<double>()};
    }
    e.started_at = r.real(6);
    if (!r.is_null(7)) e.stopped_at = r.real(7);
    if (!r.is_null(8)) e.winner = r.text(8);
    return e;
}

std::vector<SqlValue> experiment_insert_params(const domain::Experiment& e) {
    return {e.experiment_id,
            e.distribution_id,
            e.name,
            std::string(domain::to_string(e.status)),
            variants_json(e.variants),
            auto_promote_json(e.auto_promote),
            e.started_at,
            e.stopped_at ? SqlValue(*e.stopped_at) : SqlValue(),
            optional_text(e.winner)};
}

std::vector<SqlValue> experiment_update_params(const domain::Experiment& e) {
    return {std::string(domain::to_string(e.status)),
            e.stopped_at ? SqlValue(*e.stopped_at) : SqlValue(), optional_text(e.winner),
            e.experiment_id};
}

BucketCount read_variant_count(const ColumnReader& r, std::string_view distribution_id) {
    BucketCount b;
    b.distribution_id = std::string(distribution_id);
    b.variant = r.text(0);
    b.counter = counter_of_kind(r.text(1));
    b.count = r.integer(2);
    return b;
}

}  // namespace coursedist::storage
