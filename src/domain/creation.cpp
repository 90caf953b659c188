#include "domain/defaults.hpp"
#include "domain/requests.hpp"
#include "domain/slug.hpp"

namespace coursedist::domain {

Distribution distribution_from(const CreateRequest& request, std::string_view random_hex6) {
    Distribution d;
    d.course_id = request.course_id;
    d.language = request.language;
    d.title = request.title;
    d.description = request.description;
    d.target_group = request.target_group;
    d.version = request.version.value_or("v1");
    d.seo = request.seo.value_or(default_seo(d.title, d.description));
    d.cta = request.cta.value_or(default_cta(d.language));
    d.outline = request.outline.value_or(Outline{});
    d.slug = request.slug.value_or(slugify(d.title, random_hex6));
    return d;
}

}  // namespace coursedist::domain
