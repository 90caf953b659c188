# Text files compiled into a library, so the binary needs no folder of them at run time; editing
# one regenerates the embedded copy. coursedist_embed_files(target dir glob header namespace
# function type) adds to `target` a generated source that defines
# `const std::vector<type>& namespace::function()` (declared in `header`), one entry
# {file name, text} per file of `dir` (relative to the source tree) matching `glob`.
function(coursedist_embed_files target dir glob header namespace function type)
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/${glob})
  set(source ${CMAKE_BINARY_DIR}/generated/${function}_data.cpp)
  add_custom_command(
    OUTPUT ${source}
    COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_SOURCE_DIR}/${dir} -DGLOB=${glob} -DOUTPUT=${source}
            -DHEADER=${header} -DNAMESPACE=${namespace} -DFUNCTION=${function} -DTYPE=${type}
            -DSOURCE=${dir} -P ${CMAKE_SOURCE_DIR}/cmake/embed_text_files.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_text_files.cmake
    COMMENT "Embedding ${dir}/${glob}")
  target_sources(${target} PRIVATE ${source})
endfunction()
