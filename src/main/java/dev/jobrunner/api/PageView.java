package dev.jobrunner.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.function.Function;

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

  /** The page of {@code count} stored items; a page past the end is empty and not read at all. */
  public static <E, T> PageView<T> of(
      String entities,
      PageRequest request,
      long count,
      Function<PageRequest, List<E>> read,
      Function<E, T> view) {
    List<E> found = request.offset() < count ? read.apply(request) : List.of();
    return new PageView<>(
        entities,
        count,
        request.size(),
        new Pages(request.page(), request.maxPage(count)),
        found.stream().map(view).toList());
  }
}
