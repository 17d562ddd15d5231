package dev.jobrunner.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The spec's list envelope: {@code entities, count, per_page, pages{current,max}, elements}. */
@JsonbPropertyOrder({"entities", "count", "perPage", "pages", "elements"})
public record PageView<T>(
    String entities,
    long count,
    @JsonbProperty("per_page") int perPage,
    Pages pages,
    List<T> elements) {

  @JsonbPropertyOrder({"current", "max"})
  public record Pages(int current, int max) {}

  public static <T> PageView<T> of(String entities, PageRequest request, long count, List<T> elements) {
    return new PageView<>(
        entities, count, request.size(), new Pages(request.page(), request.maxPage(count)), elements);
  }
}
