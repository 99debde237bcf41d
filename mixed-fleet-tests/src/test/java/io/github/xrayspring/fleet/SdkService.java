package io.github.xrayspring.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.proxies.apache.http.HttpClientBuilder;
import com.amazonaws.xray.sql.TracingDataSource;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A service on the X-Ray SDK for Java, set up as the SDK's documentation shows: the
 * {@link AWSXRayServletFilter} on an embedded Tomcat, the traced Apache HTTP client, and
 * a {@link TracingDataSource} over the fleet's PostgreSQL database. Its emitter keeps the
 * documents in memory, and every request without a sampling decision is sampled.
 * <p>
 * {@code GET /sdk/orders/{id}?downstream=url} annotates the segment, adds metadata and
 * the user, queries the database and calls {@code downstream}; {@code 404} and
 * {@code 500} as ids answer with that status before the query. {@code GET /sdk/echo}
 * answers with the trace header it received.
 *
 * @author xray-spring-boot-starter team
 */
final class SdkService implements AutoCloseable {

	static final String NAME = "sdk-shop";

	private final CapturingEmitter emitter = new CapturingEmitter();

	private final Tomcat tomcat;

	private final int port;

	SdkService(DataSource database) throws IOException, LifecycleException {
		AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard()
			.withEmitter(this.emitter)
			.withSamplingStrategy(new AllSamplingStrategy())
			.build();
		// the servlet filter and TracingDataSource use the global recorder
		AWSXRay.setGlobalRecorder(recorder);
		CloseableHttpClient httpClient = HttpClientBuilder.create().setRecorder(recorder).build();
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(Files.createTempDirectory("sdk-tomcat").toString());
		Connector connector = new Connector();
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		this.tomcat.setConnector(connector);
		Context context = this.tomcat.addContext("", null);
		Tomcat.addServlet(context, "shop", new ShopServlet(TracingDataSource.decorate(database), httpClient))
			.addMapping("/sdk/*");
		FilterDef filter = new FilterDef();
		filter.setFilterName("xray");
		filter.setFilter(new AWSXRayServletFilter(NAME));
		context.addFilterDef(filter);
		FilterMap mapping = new FilterMap();
		mapping.setFilterName("xray");
		mapping.addURLPattern("/*");
		context.addFilterMap(mapping);
		this.tomcat.start();
		this.port = connector.getLocalPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	CapturingEmitter emitter() {
		return this.emitter;
	}

	@Override
	public void close() throws LifecycleException {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	private static final class ShopServlet extends HttpServlet {

		private static final long serialVersionUID = 1L;

		private final transient DataSource dataSource;

		private final transient CloseableHttpClient httpClient;

		ShopServlet(DataSource dataSource, CloseableHttpClient httpClient) {
			this.dataSource = dataSource;
			this.httpClient = httpClient;
		}

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			String path = request.getPathInfo();
			String header = String.valueOf(request.getHeader("X-Amzn-Trace-Id"));
			if ("/echo".equals(path)) {
				write(response, "{\"received\":\"" + header + "\"}");
				return;
			}
			long id = Long.parseLong(path.substring("/orders/".length()));
			Segment segment = AWSXRay.getCurrentSegment();
			segment.putAnnotation("order_id", id);
			segment.putAnnotation("vip", true);
			segment.putAnnotation("customer", "c-1");
			segment.putMetadata("lines", 3);
			segment.setUser("alice");
			if (id == 404) {
				response.sendError(404);
				return;
			}
			if (id == 500) {
				throw new IllegalStateException("order " + id + " is broken");
			}
			String name = name(id);
			HttpGet downstream = new HttpGet(request.getParameter("downstream"));
			String body = this.httpClient.execute(downstream,
					(answer) -> EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8));
			write(response, "{\"name\":\"" + name + "\",\"received\":\"" + header + "\",\"downstream\":" + body + "}");
		}

		private String name(long id) throws ServletException {
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement("select name from orders where id = ?")) {
				statement.setLong(1, id);
				try (ResultSet result = statement.executeQuery()) {
					return result.next() ? result.getString(1) : "";
				}
			}
			catch (SQLException ex) {
				throw new ServletException(ex);
			}
		}

		private static void write(HttpServletResponse response, String json) throws IOException {
			response.setContentType("application/json");
			response.getWriter().write(json);
		}

	}

}
