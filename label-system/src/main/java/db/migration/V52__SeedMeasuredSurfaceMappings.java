package db.migration;

import io.tagforge.labelsystem.mapping.SurfaceMappingSeed;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds the blocks measured on COCO val2017 ({@link SurfaceMappingSeed#MEASURED}) to surface_mapping. */
public class V52__SeedMeasuredSurfaceMappings extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SurfaceMappingSeed.insert(context.getConnection(), SurfaceMappingSeed.MEASURED);
    }
}
