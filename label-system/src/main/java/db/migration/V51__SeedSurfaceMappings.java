package db.migration;

import io.tagforge.labelsystem.mapping.SurfaceMappingSeed;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Fills surface_mapping with the curated seed ({@link SurfaceMappingSeed}), which the RAM-list vocabulary reads too. */
public class V51__SeedSurfaceMappings extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SurfaceMappingSeed.insert(context.getConnection(), SurfaceMappingSeed.FIRST);
    }
}
