# The built-in page templates (src/web/templates/*.mustache) are compiled into cd_web, so the
# binary needs no template folder; editing a template file regenerates the embedded copy.
file(GLOB web_template_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/web/templates/*.mustache)
set(web_templates_source ${CMAKE_BINARY_DIR}/generated/web/builtin_templates_data.cpp)
add_custom_command(
  OUTPUT ${web_templates_source}
  COMMAND ${CMAKE_COMMAND} -DTEMPLATE_DIR=${CMAKE_SOURCE_DIR}/src/web/templates
          -DOUTPUT=${web_templates_source} -P ${CMAKE_SOURCE_DIR}/cmake/embed_web_templates.cmake
  DEPENDS ${web_template_files} ${CMAKE_SOURCE_DIR}/cmake/embed_web_templates.cmake
  COMMENT "Embedding the page templates")
target_sources(cd_web PRIVATE ${web_templates_source})
