package io.stacks.book.api;

import io.stacks.book.domain.ValidIsbn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A book as a client creates or replaces it. */
public record BookRequest(
        @NotBlank @Size(max = 255) @Schema(examples = "The Left Hand of Darkness") String title,
        @NotBlank @Size(max = 255) @Schema(examples = "Ursula K. Le Guin") String author,
        @NotBlank @ValidIsbn @Schema(examples = "978-0-441-47812-5") String isbn,
        @NotNull @Min(0) @Max(1_000_000) @Schema(examples = "3") Integer quantity) {
}
