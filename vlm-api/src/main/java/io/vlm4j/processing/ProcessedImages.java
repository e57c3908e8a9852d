package io.vlm4j.processing;

import io.vlm4j.tensor.HostTensor;
import java.util.List;
import java.util.Objects;

/**
 * What an image processor produced for a list of images, as HF's {@code BatchFeature} holds it, with the
 * shape-deciding numbers as Java ints.
 *
 * @param pixelValues {@code pixel_values}: float32 {@code [n, 3, H, W]}, or {@code [n, max_patches, 3, H, W]} for
 *     anyres processors (base image first, then the tiles; zero-padded to the most patches of the batch)
 * @param imageSizes {@code image_sizes}: each input image's original size
 * @param patchesPerImage the real (unpadded) patches of each image: 1 for fixed-size processors
 */
public record ProcessedImages(HostTensor pixelValues, List<ImageSize> imageSizes, int[] patchesPerImage) {
    public ProcessedImages {
        Objects.requireNonNull(pixelValues, "pixelValues");
        imageSizes = List.copyOf(imageSizes);
        patchesPerImage = patchesPerImage.clone();
        if (imageSizes.size() != patchesPerImage.length) {
            throw new IllegalArgumentException(imageSizes.size() + " image sizes but " + patchesPerImage.length
                    + " patch counts");
        }
    }

    @Override
    public int[] patchesPerImage() {
        return patchesPerImage.clone();
    }
}
