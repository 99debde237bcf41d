package io.github.xrayspring.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.StatementType;

/**
 * A prepared statement of {@link XRayConnection} that reports its executions to the
 * starter's query listener directly (see {@link XRayStatement}). Bind parameters go
 * straight to the target: this statement is used only when they are not captured.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
final class XRayPreparedStatement extends XRayStatement<PreparedStatement> implements PreparedStatement {

	private final String sql;

	// parameter sets added with addBatch(), cleared as the driver clears its batch
	private int batchSize;

	XRayPreparedStatement(PreparedStatement target, String sql, XRayConnection connection,
			XRayQueryExecutionListener listener) {
		super(target, connection, listener);
		this.sql = sql;
	}

	@Override
	StatementType type() {
		return StatementType.PREPARED;
	}

	private <T> T run(Execution<T> execution) throws SQLException {
		return run(List.of(new QueryInfo(this.sql)), 0, execution);
	}

	@Override
	<T> T runBatch(Execution<T> execution) throws SQLException {
		int batchSize = this.batchSize;
		this.batchSize = 0;
		if (batchSize == 0) {
			return execution.run();
		}
		return run(List.of(new QueryInfo(this.sql)), batchSize, execution);
	}

	@Override
	public boolean execute() throws SQLException {
		return run(this.target::execute);
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		return run(this.target::executeQuery);
	}

	@Override
	public int executeUpdate() throws SQLException {
		return run(this.target::executeUpdate);
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		return run(this.target::executeLargeUpdate);
	}

	@Override
	public void addBatch() throws SQLException {
		this.target.addBatch();
		this.batchSize++;
	}

	@Override
	public void clearBatch() throws SQLException {
		this.batchSize = 0;
		super.clearBatch();
	}

	@Override
	public void clearParameters() throws SQLException {
		this.target.clearParameters();
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return this.target.getMetaData();
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		return this.target.getParameterMetaData();
	}

	@Override
	public void setArray(int parameterIndex, Array x) throws SQLException {
		this.target.setArray(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
		this.target.setAsciiStream(parameterIndex, x, length);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
		this.target.setAsciiStream(parameterIndex, x, length);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
		this.target.setAsciiStream(parameterIndex, x);
	}

	@Override
	public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
		this.target.setBigDecimal(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
		this.target.setBinaryStream(parameterIndex, x, length);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
		this.target.setBinaryStream(parameterIndex, x, length);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
		this.target.setBinaryStream(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream x, long length) throws SQLException {
		this.target.setBlob(parameterIndex, x, length);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream x) throws SQLException {
		this.target.setBlob(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, Blob x) throws SQLException {
		this.target.setBlob(parameterIndex, x);
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		this.target.setBoolean(parameterIndex, x);
	}

	@Override
	public void setByte(int parameterIndex, byte x) throws SQLException {
		this.target.setByte(parameterIndex, x);
	}

	@Override
	public void setBytes(int parameterIndex, byte[] x) throws SQLException {
		this.target.setBytes(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader x, int length) throws SQLException {
		this.target.setCharacterStream(parameterIndex, x, length);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
		this.target.setCharacterStream(parameterIndex, x, length);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader x) throws SQLException {
		this.target.setCharacterStream(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, Reader x, long length) throws SQLException {
		this.target.setClob(parameterIndex, x, length);
	}

	@Override
	public void setClob(int parameterIndex, Reader x) throws SQLException {
		this.target.setClob(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, Clob x) throws SQLException {
		this.target.setClob(parameterIndex, x);
	}

	@Override
	public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
		this.target.setDate(parameterIndex, x, cal);
	}

	@Override
	public void setDate(int parameterIndex, Date x) throws SQLException {
		this.target.setDate(parameterIndex, x);
	}

	@Override
	public void setDouble(int parameterIndex, double x) throws SQLException {
		this.target.setDouble(parameterIndex, x);
	}

	@Override
	public void setFloat(int parameterIndex, float x) throws SQLException {
		this.target.setFloat(parameterIndex, x);
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		this.target.setInt(parameterIndex, x);
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		this.target.setLong(parameterIndex, x);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
		this.target.setNCharacterStream(parameterIndex, x, length);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException {
		this.target.setNCharacterStream(parameterIndex, x);
	}

	@Override
	public void setNClob(int parameterIndex, Reader x, long length) throws SQLException {
		this.target.setNClob(parameterIndex, x, length);
	}

	@Override
	public void setNClob(int parameterIndex, Reader x) throws SQLException {
		this.target.setNClob(parameterIndex, x);
	}

	@Override
	public void setNClob(int parameterIndex, NClob x) throws SQLException {
		this.target.setNClob(parameterIndex, x);
	}

	@Override
	public void setNString(int parameterIndex, String x) throws SQLException {
		this.target.setNString(parameterIndex, x);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		this.target.setNull(parameterIndex, sqlType, typeName);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		this.target.setNull(parameterIndex, sqlType);
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
		this.target.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
		this.target.setObject(parameterIndex, x, targetSqlType);
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
		this.target.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
		this.target.setObject(parameterIndex, x, targetSqlType);
	}

	@Override
	public void setObject(int parameterIndex, Object x) throws SQLException {
		this.target.setObject(parameterIndex, x);
	}

	@Override
	public void setRef(int parameterIndex, Ref x) throws SQLException {
		this.target.setRef(parameterIndex, x);
	}

	@Override
	public void setRowId(int parameterIndex, RowId x) throws SQLException {
		this.target.setRowId(parameterIndex, x);
	}

	@Override
	public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
		this.target.setSQLXML(parameterIndex, x);
	}

	@Override
	public void setShort(int parameterIndex, short x) throws SQLException {
		this.target.setShort(parameterIndex, x);
	}

	@Override
	public void setString(int parameterIndex, String x) throws SQLException {
		this.target.setString(parameterIndex, x);
	}

	@Override
	public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
		this.target.setTime(parameterIndex, x, cal);
	}

	@Override
	public void setTime(int parameterIndex, Time x) throws SQLException {
		this.target.setTime(parameterIndex, x);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
		this.target.setTimestamp(parameterIndex, x, cal);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
		this.target.setTimestamp(parameterIndex, x);
	}

	@Override
	public void setURL(int parameterIndex, URL x) throws SQLException {
		this.target.setURL(parameterIndex, x);
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
		this.target.setUnicodeStream(parameterIndex, x, length);
	}

	@Override
	public String toString() {
		return "XRayPreparedStatement{" + this.target + "}";
	}

}
