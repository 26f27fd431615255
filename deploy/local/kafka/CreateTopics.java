import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Waits until the local broker answers, then creates every topic of topics.conf in every namespace
 * (idempotent: existing topics are checked, not recreated). Run by infra.sh with the broker's jars:
 * java -cp 'libs/*' CreateTopics.java BOOTSTRAP TOPICS_CONF WAIT_SECONDS NAMESPACE...
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        List<String[]> topics = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                topics.add(line.split("\\s+"));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(props)) {
            awaitBroker(admin, deadline);
            for (int i = 3; i < args.length; i++) {
                for (String[] topic : topics) {
                    ensure(admin, args[i] + "." + topic[0], Integer.parseInt(topic[1]));
                }
            }
        }
    }

    private static void awaitBroker(Admin admin, long deadline) throws InterruptedException {
        while (true) {
            try {
                admin.describeCluster().nodes().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("Kafka did not answer in time: " + e.getCause());
                    System.exit(1);
                }
                Thread.sleep(500);
            }
        }
    }

    private static void ensure(Admin admin, String name, int partitions) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            System.out.println("created topic " + name + " (" + partitions + " partitions)");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            Map<String, TopicDescription> found = admin.describeTopics(List.of(name)).allTopicNames().get();
            int actual = found.get(name).partitions().size();
            if (actual != partitions) {
                System.err.println("topic " + name + " has " + actual + " partitions, expected " + partitions);
                System.exit(1);
            }
        }
    }
}
