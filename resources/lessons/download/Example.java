import io.garrison.engine.ProcessPool;
import io.garrison.engine.RunSummary;
import io.garrison.engine.TaskRun;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListParser;
import io.garrison.task.TaskOptions;
import java.nio.file.Path;

public class DownloadExample {
    public static void main(String[] args) throws Exception {
        TaskOptions options = TaskOptions.builder().outputDir(Path.of("pages")).build();
        TaskList urls = new TaskListParser(TaskKinds.require("download"), options)
                .parse(Path.of("download.txt"));
        try (ProcessPool pool = ProcessPool.builder().size(3).build()) {
            RunSummary summary = TaskRun.start(pool, urls, "download", options).await();
            System.out.println(summary.succeeded() + "/" + summary.total() + " saved");
        }
    }
}
